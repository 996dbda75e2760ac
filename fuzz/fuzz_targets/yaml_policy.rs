//! `yaml_policy`: arbitrary bytes as a YAML policy file, through the CLI's
//! own reading (`PolicyFile::from_source`). Either the policy validates, or
//! every problem has a JSON pointer and, when it has a position, one inside
//! the file; aliases never expand (the smoke run's RSS limit holds).
#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint_cli::policy_file::PolicyFile;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data).into_owned();
    // YAML breaks lines at CR as well as LF (and at CRLF once).
    let lines = source.matches(['\n', '\r']).count() + 1;
    match PolicyFile::from_source("fuzz.yaml".into(), source, true) {
        Ok(file) => {
            let _ = file.compile();
        }
        Err(rejected) => {
            assert!(!rejected.problems.is_empty(), "rejected without a problem");
            for located in &rejected.problems {
                let path = &located.problem.path;
                assert!(path.is_empty() || path.starts_with('/'), "{path}");
                if let Some(position) = located.position {
                    assert!(
                        position.line >= 1 && position.line <= lines + 1 && position.column >= 1,
                        "{position:?} outside a file of {lines} lines"
                    );
                }
            }
            assert!(rejected.render().ends_with('\n'));
        }
    }
});
