//! How much memory a compiled policy holds, natively: a counting global
//! allocator records the bytes live after `Policy::from_json` + `compile`
//! with everything but the `Checker` dropped (what the extension keeps),
//! and the peak while compiling. Heap bytes requested, not pages: allocator
//! slack and fragmentation are not included. (The browser benchmark reports
//! the WebAssembly memory the same policies grow to, which does include them.)
//!
//! Writes `bench/out/native-memory.json`; inputs from `bench/gen.mjs`.
//! Run: `cargo bench -p checker-core --bench memory`

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use checker_core::Policy;
use serde_json::{json, Value};

/// The system allocator, counting live bytes and their high-water mark.
/// Hand-written: it is a dozen lines, and no crate is needed for a count.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwards the caller's contract to the system allocator.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: forwards the caller's contract to the system allocator.
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; run `node bench/gen.mjs` first",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn main() {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../bench/out");
    let inputs = read_json(&out.join("inputs.json"));
    let mut sources: Vec<(String, String)> = vec![(
        "default".to_owned(),
        checker_core::default_policy_json().to_owned(),
    )];
    for (name, entry) in inputs["policies"].as_object().cloned().unwrap_or_default() {
        let file = out.join(entry["file"].as_str().unwrap_or_default());
        sources.push((name, std::fs::read_to_string(&file).expect("policy file")));
    }
    let mut results = serde_json::Map::new();
    for (name, source) in sources {
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let checker = Policy::from_json(&source)
            .and_then(|policy| policy.compile())
            .expect("bench policy compiles");
        let retained = LIVE.load(Relaxed) - before;
        let peak = PEAK.load(Relaxed) - before;
        drop(checker);
        println!(
            "{name}: compiled policy holds {retained} bytes; peak while compiling {peak} bytes"
        );
        results.insert(
            name,
            json!({"retainedBytes": retained, "peakBytes": peak, "policyJsonBytes": source.len()}),
        );
    }
    let path = out.join("native-memory.json");
    std::fs::write(&path, Value::Object(results).to_string()).expect("write native-memory.json");
    println!("wrote {}", path.display());
}
