//! `postlint studio` as someone starts it: it serves the page, the wasm and
//! the policy it was given on 127.0.0.1, nothing outside its folder, and
//! stops when killed.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::repo_root;

/// A running `postlint studio`, killed when dropped.
struct Studio {
    child: Child,
    address: String,
}

impl Drop for Studio {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path, extra: &[&str]) -> Studio {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .current_dir(repo_root())
        .args(["studio", "--port", "0", "--no-open", "--dir"])
        .arg(dir)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("postlint runs");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout is piped"))
        .read_line(&mut line)
        .expect("the address is printed");
    let address = line
        .trim()
        .strip_prefix("http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("not an address: {line:?}"))
        .to_owned();
    Studio { child, address }
}

/// The status, headers and body of `GET path`, with `host` as the Host header.
fn get(address: &str, host: &str, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(address).expect("the server listens");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("request sent");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("response read");
    let split = response
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let code = head[9..12].parse().expect("a status code");
    (code, head, response[split + 4..].to_vec())
}

/// The status and body of `PUT /policy` with `body` and the given extra header lines.
fn put_policy(address: &str, headers: &str, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("the server listens");
    write!(
        stream,
        "PUT /policy HTTP/1.1\r\nHost: {address}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .expect("request sent");
    stream.write_all(body).expect("body sent");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("response read");
    let text = String::from_utf8_lossy(&response).into_owned();
    (text[9..12].parse().expect("a status code"), text)
}

fn studio_folder(name: &str) -> tempfile_dir::Dir {
    let dir = tempfile_dir::Dir::new(name);
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Postlint Studio</title>",
    )
    .unwrap();
    // Any bytes do: the server must hand them out unchanged, with the type streaming compilation needs.
    std::fs::write(dir.path().join("checker_wasm_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.path().parent().unwrap().join("secret.txt"), "outside").unwrap();
    dir
}

#[test]
fn serves_the_page_the_wasm_and_the_given_policy_and_stops_when_killed() {
    let dir = studio_folder("serves");
    let policy = repo_root().join("examples/policy.json");
    let studio = start(dir.path(), &["--policy", policy.to_str().unwrap()]);
    let host = studio.address.clone();

    let (code, head, body) = get(&studio.address, &host, "/");
    assert_eq!(code, 200, "{head}");
    assert!(head.contains("text/html"), "{head}");
    assert!(String::from_utf8_lossy(&body).contains("Postlint Studio"));

    let (code, head, body) = get(&studio.address, &host, "/checker_wasm_bg.wasm");
    assert_eq!(code, 200, "{head}");
    assert!(head.contains("Content-Type: application/wasm"), "{head}");
    assert_eq!(body, b"\0asm\x01\0\0\0");

    let (code, _, body) = get(&studio.address, &host, "/startup.json");
    assert_eq!(code, 200);
    let startup: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(startup["policy"]["name"], "policy.json");
    assert_eq!(
        startup["policy"]["text"].as_str().unwrap(),
        std::fs::read_to_string(&policy).unwrap()
    );

    let mut studio = studio;
    studio.child.kill().unwrap();
    studio.child.wait().unwrap();
    assert!(
        TcpStream::connect(&studio.address).is_err(),
        "still listening after being stopped"
    );
}

#[test]
fn refuses_paths_outside_its_folder_and_foreign_host_names() {
    let dir = studio_folder("refuses");
    let studio = start(dir.path(), &[]);
    let host = studio.address.clone();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/startup.json",
        "/missing.js",
    ] {
        let (code, _, body) = get(&studio.address, &host, path);
        assert_eq!(code, 404, "{path}");
        assert!(
            !String::from_utf8_lossy(&body).contains("outside"),
            "{path}"
        );
    }
    // A page on another site that rebinds its name to 127.0.0.1 sends its own Host.
    let (code, _, _) = get(&studio.address, "attacker.example", "/");
    assert_eq!(code, 421);
}

#[test]
fn saving_writes_the_policy_back_only_with_the_token_of_the_page() {
    let dir = studio_folder("saves");
    let policy = dir.path().parent().unwrap().join("policy.yaml");
    std::fs::write(&policy, "version: 1\n").unwrap();
    let studio = start(dir.path(), &["--policy", policy.to_str().unwrap()]);
    let (_, _, body) = get(&studio.address, &studio.address, "/startup.json");
    let startup: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let token = startup["policy"]["saveToken"]
        .as_str()
        .expect("a save token");
    assert_eq!(token.len(), 32);

    let edited = b"version: 1\nextends: [base]\n";
    for (headers, code) in [
        (String::new(), 403),
        (
            "X-Postlint-Token: 00000000000000000000000000000000\r\n".to_owned(),
            403,
        ),
        // Another site's page: its origin gives it away even with the token.
        (
            format!("Origin: https://attacker.example\r\nX-Postlint-Token: {token}\r\n"),
            403,
        ),
    ] {
        let (status, response) = put_policy(&studio.address, &headers, edited);
        assert_eq!(status, code, "{response}");
        assert_eq!(std::fs::read_to_string(&policy).unwrap(), "version: 1\n");
    }
    let too_large = vec![b' '; checker_core::MAX_POLICY_BYTES + 1];
    let (status, _) = put_policy(
        &studio.address,
        &format!("X-Postlint-Token: {token}\r\n"),
        &too_large,
    );
    assert_eq!(status, 413);
    assert_eq!(std::fs::read_to_string(&policy).unwrap(), "version: 1\n");

    let origin = format!("Origin: http://{}\r\n", studio.address);
    let (status, response) = put_policy(
        &studio.address,
        &format!("{origin}X-Postlint-Token: {token}\r\n"),
        edited,
    );
    assert_eq!(status, 204, "{response}");
    assert_eq!(std::fs::read(&policy).unwrap(), edited);
}

#[test]
fn without_a_policy_there_is_nothing_to_save_to() {
    let dir = studio_folder("no-save");
    let studio = start(dir.path(), &[]);
    let (status, _) = put_policy(&studio.address, "X-Postlint-Token: x\r\n", b"version: 1");
    assert_eq!(status, 404);
}

#[test]
fn without_a_built_studio_it_says_how_to_build_one() {
    let empty = tempfile_dir::Dir::new("no-studio");
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(["studio", "--no-open", "--dir"])
        .arg(empty.path())
        .output()
        .expect("postlint runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("npm run build:studio"));
}

/// A fresh folder in the system's temporary directory, removed when dropped.
mod tempfile_dir {
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new(name: &str) -> Dir {
            let root = std::env::temp_dir().join(format!(
                "postlint-studio-test-{}-{name}",
                std::process::id()
            ));
            let dir = root.join("site");
            let _ = std::fs::remove_dir_all(&root);
            std::fs::create_dir_all(&dir).expect("temporary folder");
            Dir(dir)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            if let Some(root) = self.0.parent() {
                let _ = std::fs::remove_dir_all(root);
            }
        }
    }
}
