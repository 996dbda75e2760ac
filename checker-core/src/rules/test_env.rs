//! Compiling a kind's parameters in unit tests, without a whole policy.

use crate::context::Lang;
use crate::engine::CompileEnv;
use crate::policy::Organization;
use crate::problem::Problem;
use crate::rules::{CompileKind, RuleKind};

/// Compiles `params` for a policy whose organization is `organization`.
pub(crate) fn compile_kind<P: CompileKind>(
    params: P,
    organization: &Organization,
) -> Result<Box<dyn RuleKind>, Vec<Problem>> {
    params.compile(&mut CompileEnv::new(organization, Lang::En))
}
