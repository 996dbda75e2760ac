//! `postlint studio`: serves Postlint Studio (the static web app built into
//! `dist/studio`) on 127.0.0.1 and opens it in the default browser.
//!
//! The page runs the engine itself; this server only hands out its files
//! and, with `--policy` or `--corpus`, those files' text as `startup.json`,
//! which the page opens first. With `--policy`, "Save" writes the policy
//! back to that file through `PUT /policy`, which needs the random token
//! `startup.json` carries in the `X-Postlint-Token` header. It listens on
//! the loopback interface only and answers only requests addressed to that
//! interface by name, so no other machine, and no web page through DNS
//! rebinding, can read or write the policy; another origin's page can
//! neither read the token (no CORS) nor send the header (its preflight
//! gets no answer that allows it).

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use clap::Args;
use serde_json::json;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::commands::error;
use crate::Outcome;

#[derive(Args)]
pub struct StudioArgs {
    /// The policy the page opens (JSON, or YAML when it ends in .yaml/.yml).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Labeled posts (JSON Lines, as for `postlint eval`) the page measures
    /// the policy on.
    #[arg(long, value_name = "FILE")]
    corpus: Option<PathBuf>,
    /// The port on 127.0.0.1; 0 picks a free one.
    #[arg(long, value_name = "N", default_value_t = 0)]
    port: u16,
    /// The built Studio [default: $POSTLINT_DIST/studio, else dist/studio in
    /// the current directory or in the checkout the binary was built in].
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Only print the address; do not open a browser.
    #[arg(long)]
    no_open: bool,
}

pub fn run(args: StudioArgs) -> Outcome {
    let Some(dir) = studio_dir(args.dir.as_deref()) else {
        return error(
            "no built Studio found (dist/studio/index.html); build it with `npm run build:studio` or pass --dir",
        );
    };
    let save = match &args.policy {
        Some(path) => match save_token() {
            Ok(token) => Some(SaveTarget {
                path: path.clone(),
                token,
            }),
            Err(message) => return error(&message),
        },
        None => None,
    };
    let startup = match startup_json(save.as_ref(), args.corpus.as_deref()) {
        Ok(startup) => startup,
        Err(message) => return error(&message),
    };
    let server = match Server::http(("127.0.0.1", args.port)) {
        Ok(server) => server,
        Err(bind) => return error(&format!("cannot listen on 127.0.0.1:{}: {bind}", args.port)),
    };
    let Some(port) = server.server_addr().to_ip().map(|address| address.port()) else {
        return error("the server has no TCP address");
    };
    let url = format!("http://127.0.0.1:{port}/");
    // The address goes first and alone on its line, for scripts and tests.
    println!("{url}");
    eprintln!(
        "Postlint Studio is served from {}; Ctrl-C stops it.",
        dir.display()
    );
    if !args.no_open {
        if let Err(open) = webbrowser::open(&url) {
            eprintln!("no browser could be opened ({open}); open {url} yourself");
        }
    }
    let allowed_hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    for mut request in server.incoming_requests() {
        let response = answer(
            &mut request,
            &dir,
            startup.as_deref(),
            save.as_ref(),
            &allowed_hosts,
        );
        // A client that went away is no reason to stop serving.
        let _ = request.respond(response);
    }
    Outcome::Clean
}

fn studio_dir(given: Option<&Path>) -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match given {
        Some(dir) => vec![dir.to_owned()],
        None => [
            std::env::var_os("POSTLINT_DIST").map(|dist| PathBuf::from(dist).join("studio")),
            Some(PathBuf::from("dist/studio")),
            Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist/studio")),
        ]
        .into_iter()
        .flatten()
        .collect(),
    };
    candidates
        .into_iter()
        .find(|dir| dir.join("index.html").is_file())
}

/// The policy file "Save" writes back to, and the token a save must carry.
struct SaveTarget {
    path: PathBuf,
    token: String,
}

/// 128 random bits as hex: unguessable for a page that cannot read it.
fn save_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|failure| format!("no random token: {failure}"))?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// The files the page opens first, or `None` when none were given.
fn startup_json(
    save: Option<&SaveTarget>,
    corpus: Option<&Path>,
) -> Result<Option<Vec<u8>>, String> {
    if save.is_none() && corpus.is_none() {
        return Ok(None);
    }
    let file = |path: &Path| -> Result<serde_json::Value, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|read| format!("cannot read {}: {read}", path.display()))?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        Ok(json!({ "name": name, "text": text }))
    };
    let mut startup = serde_json::Map::new();
    if let Some(save) = save {
        let mut policy = file(&save.path)?;
        policy["saveToken"] = save.token.clone().into();
        startup.insert("policy".into(), policy);
    }
    if let Some(path) = corpus {
        startup.insert("corpus".into(), file(path)?);
    }
    serde_json::to_vec(&startup)
        .map(Some)
        .map_err(|serialize| format!("cannot hand the files to the page: {serialize}"))
}

/// `PUT /policy`: the page's policy text, written over the `--policy` file
/// (through a temporary file and a rename, so a failed save leaves the old
/// file whole).
fn save_policy(request: &mut Request, save: Option<&SaveTarget>, origins: &[String]) -> Answer {
    let Some(save) = save else {
        return status(404, "not found");
    };
    if header_value(request, "Origin")
        .is_some_and(|origin| !origins.iter().any(|allowed| allowed == origin))
    {
        return status(403, "forbidden");
    }
    if header_value(request, "X-Postlint-Token") != Some(save.token.as_str()) {
        return status(403, "forbidden");
    }
    let limit = checker_core::MAX_POLICY_BYTES as u64;
    let mut body = Vec::new();
    if let Err(read) = request.as_reader().take(limit + 1).read_to_end(&mut body) {
        return status(400, &format!("cannot read the policy: {read}"));
    }
    if body.len() as u64 > limit {
        return status(413, "the policy is larger than a policy may be");
    }
    if std::str::from_utf8(&body).is_err() {
        return status(400, "the policy is not UTF-8 text");
    }
    let mut temporary = save.path.clone().into_os_string();
    temporary.push(".postlint-save");
    let temporary = PathBuf::from(temporary);
    let written =
        std::fs::write(&temporary, &body).and_then(|()| std::fs::rename(&temporary, &save.path));
    match written {
        Ok(()) => status(204, ""),
        Err(write) => {
            let _ = std::fs::remove_file(&temporary);
            status(
                500,
                &format!("cannot write {}: {write}", save.path.display()),
            )
        }
    }
}

fn header_value<'r>(request: &'r Request, name: &'static str) -> Option<&'r str> {
    request
        .headers()
        .iter()
        .find(|header| header.field.equiv(name))
        .map(|header| header.value.as_str())
}

type Answer = Response<std::io::Cursor<Vec<u8>>>;

fn answer(
    request: &mut Request,
    dir: &Path,
    startup: Option<&[u8]>,
    save: Option<&SaveTarget>,
    allowed_hosts: &[String],
) -> Answer {
    let host = header_value(request, "Host");
    if !host.is_some_and(|host| allowed_hosts.iter().any(|allowed| allowed == host)) {
        return status(421, "misdirected request");
    }
    let path = request.url().split(['?', '#']).next().unwrap_or("/");
    if path == "/policy" && *request.method() == Method::Put {
        let origins: Vec<String> = allowed_hosts
            .iter()
            .map(|host| format!("http://{host}"))
            .collect();
        return save_policy(request, save, &origins);
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return status(405, "only GET");
    }
    if path == "/startup.json" {
        return match startup {
            Some(body) => file_response(body.to_vec(), "application/json"),
            None => status(404, "not found"),
        };
    }
    let relative = path.trim_start_matches('/');
    let relative = if relative.is_empty() {
        "index.html"
    } else {
        relative
    };
    // Plain names only: no `..`, no absolute paths, nothing outside the folder.
    let inside = Path::new(relative)
        .components()
        .all(|component| matches!(component, Component::Normal(_)));
    if !inside {
        return status(404, "not found");
    }
    match std::fs::read(dir.join(relative)) {
        Ok(body) => file_response(body, content_type(relative)),
        Err(_) => status(404, "not found"),
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        // Streaming compilation requires exactly this type.
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

fn header(field: &str, value: &str) -> Header {
    // Both are ASCII constants of this module, which tiny_http accepts.
    Header::from_bytes(field.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn file_response(body: Vec<u8>, content_type: &str) -> Answer {
    Response::from_data(body)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn status(code: u16, text: &str) -> Answer {
    Response::from_data(text.as_bytes().to_vec())
        .with_status_code(code)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}
