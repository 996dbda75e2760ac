//! The library part of the `postlint` CLI: reading policy files (JSON or
//! YAML) with every problem located in the file. The binary and the fuzz
//! targets (`fuzz/`) share it.

pub mod policy_file;
