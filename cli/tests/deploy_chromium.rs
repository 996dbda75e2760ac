//! The Linux artifact of `postlint deploy` in a real Chromium: the managed
//! schema loads, and every value arrives in `chrome.storage.managed` as
//! written. Chromium silently drops values that do not fit the schema, so
//! only a real browser can show that nothing is lost.
//!
//! Needs root (Chromium reads policies from /etc/chromium/policies/managed/)
//! and Debian's `chromium`, as CI has; elsewhere it says so and passes.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use common::repo_root;

/// The id Chromium derives from the `key` in the probe's manifest.
const PROBE_ID: &str = "plfphcddnhaflmjnafplnhldkcncaihb";
const CHROMIUM: &str = "/usr/bin/chromium";
const POLICY_DIR: &str = "/etc/chromium/policies/managed";

fn environment_missing() -> Option<&'static str> {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.trim_ascii() == b"0");
    if !is_root {
        Some("not root, so no managed policy can be written")
    } else if !Path::new(CHROMIUM).exists() {
        Some("Debian's chromium is not installed")
    } else {
        None
    }
}

/// Removes the policy file and stops the browser however the test ends.
struct Cleanup {
    policy_file: PathBuf,
    work_dir: PathBuf,
    browser: Option<Child>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(browser) = &mut self.browser {
            let _ = browser.kill();
            let _ = browser.wait();
        }
        let _ = std::fs::remove_file(&self.policy_file);
        let _ = std::fs::remove_dir_all(&self.work_dir);
    }
}

/// Installs `managed_json` as a policy file, starts Chromium with the probe
/// extension, and returns what the probe read from managed storage.
fn managed_storage_seen_by_chromium(name: &str, managed_json: &[u8]) -> Value {
    let work_dir =
        std::env::temp_dir().join(format!("postlint-deploy-{name}-{}", std::process::id()));
    let extension = work_dir.join("extension");
    std::fs::create_dir_all(&extension).expect("temporary directory");
    let probe = repo_root().join("cli/tests/fixtures/managed-storage-probe");
    for file in ["manifest.json", "probe.js"] {
        std::fs::copy(probe.join(file), extension.join(file)).expect("probe copied");
    }
    std::fs::copy(
        repo_root().join("extension/managed-schema.json"),
        extension.join("managed-schema.json"),
    )
    .expect("schema copied");

    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("an address").port();
    std::fs::write(
        extension.join("report-port.js"),
        format!("self.REPORT_PORT = {port};\n"),
    )
    .expect("port written");

    std::fs::create_dir_all(POLICY_DIR).expect("policy directory");
    let mut cleanup = Cleanup {
        policy_file: Path::new(POLICY_DIR).join(format!(
            "postlint-deploy-test-{name}-{}.json",
            std::process::id()
        )),
        work_dir: work_dir.clone(),
        browser: None,
    };
    std::fs::write(&cleanup.policy_file, managed_json).expect("policy written");

    cleanup.browser = Some(
        Command::new(CHROMIUM)
            .arg("--headless=new")
            .arg("--no-sandbox")
            .arg(format!(
                "--user-data-dir={}",
                work_dir.join("profile").display()
            ))
            .arg(format!("--load-extension={}", extension.display()))
            .arg(format!(
                "--disable-extensions-except={}",
                extension.display()
            ))
            .args([
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "about:blank",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts"),
    );

    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            let _ = sender.send(read_request_body(stream));
        }
    });
    let body = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("the probe reports within a minute");
    serde_json::from_str(&body).expect("the probe sends JSON")
}

fn read_request_body(stream: std::net::TcpStream) -> String {
    let mut reader = BufReader::new(&stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let _ = (&stream).write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    String::from_utf8_lossy(&body).into_owned()
}

fn deploy(args: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .current_dir(repo_root())
        .arg("deploy")
        .args(args)
        .output()
        .expect("postlint runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn chromium_receives_every_managed_value_as_deployed() {
    if let Some(reason) = environment_missing() {
        eprintln!("skipped: {reason}");
        return;
    }
    // Force-installing would make Chromium look for the extension in the
    // web store; the probe is loaded unpacked instead.
    let common = [
        "--browser",
        "chrome",
        "--os",
        "linux",
        "--extension-id",
        PROBE_ID,
        "--no-force-install",
    ];

    let inline_json = deploy(
        &[
            &["docs/admin/example-policy.json"][..],
            &common[..],
            &["--allow-pause", "--support-contact", r#"IT "Desk" \ 42"#][..],
        ]
        .concat(),
    );
    let deployed: Value = serde_json::from_slice(&inline_json).expect("JSON");
    let seen = managed_storage_seen_by_chromium("inline", &inline_json);
    assert_eq!(seen, deployed["3rdparty"]["extensions"][PROBE_ID]);
    assert!(seen["policy"]
        .as_str()
        .is_some_and(|policy| policy.contains("Orion-7")));

    let hosted_json = deploy(
        &[
            &["docs/admin/example-policy.json"][..],
            &common[..],
            &[
                "--policy-url",
                "https://policy.acme.example/postlint.json",
                "--refresh-minutes",
                "30",
            ][..],
        ]
        .concat(),
    );
    // A value that does not fit the schema is dropped, the others stay: the
    // browser really applies managed-schema.json.
    let mut hosted: Value = serde_json::from_slice(&hosted_json).expect("JSON");
    let values = &mut hosted["3rdparty"]["extensions"][PROBE_ID];
    values["allowPause"] = Value::from("yes");
    let misfit = serde_json::to_vec(&hosted).expect("JSON");
    let seen = managed_storage_seen_by_chromium("hosted", &misfit);
    assert_eq!(
        seen,
        serde_json::json!({
            "policyUrl": "https://policy.acme.example/postlint.json",
            "policyRefreshMinutes": 30
        })
    );
}
