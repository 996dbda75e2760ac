//! Compiling a policy and checking texts against it.

use crate::policy::Organization;

/// What a rule kind may consult while it compiles.
#[derive(Debug)]
pub(crate) struct CompileEnv<'p> {
    pub organization: &'p Organization,
}
