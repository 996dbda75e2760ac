//! Where each JSON pointer of a policy document sits in its source text.
//!
//! Validation problems name a JSON pointer (`/rules/3/terms/0`); an admin
//! editing the file wants a line and column: the CLI prints them, the Studio
//! underlines them in its editor. serde_json and the YAML
//! deserializer keep no positions, so the document is read a second time with
//! saphyr's event parser, which reports a span for every node. JSON is YAML
//! 1.2 flow syntax, so the same pass serves both formats.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span};
use serde::Serialize;

/// A position in a source file, 1-based, columns counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Positions of every node of a document, keyed by JSON pointer.
///
/// For an object member the position is that of its key, which is where an
/// editor should put the cursor for "unknown key" and for wrong values alike.
#[derive(Debug, Default)]
pub struct SourceMap {
    positions: HashMap<String, Position>,
}

enum Frame {
    Mapping {
        pointer: String,
        /// The key whose value comes next; `None` while a key is expected.
        pending_key: Option<String>,
    },
    Sequence {
        pointer: String,
        next_index: usize,
    },
}

impl SourceMap {
    /// Maps the first document in `source`. A document the parser cannot read
    /// yields the nodes mapped up to the error (possibly none); the caller
    /// then reports problems without a position rather than failing.
    pub fn of(source: &str) -> SourceMap {
        let mut map = SourceMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(source) {
            let Ok((event, span)) = event else { break };
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(Frame::Mapping {
                        pending_key: pending @ None,
                        pointer,
                    }) = stack.last_mut()
                    {
                        let member = format!("{pointer}/{}", escape(&value));
                        map.record(&member, span);
                        *pending = Some(member);
                    } else {
                        map.node_starts(&mut stack, span);
                    }
                }
                Event::Alias(_) => {
                    map.node_starts(&mut stack, span);
                }
                Event::MappingStart(..) => {
                    let pointer = map.node_starts(&mut stack, span);
                    stack.push(Frame::Mapping {
                        pointer,
                        pending_key: None,
                    });
                }
                Event::SequenceStart(..) => {
                    let pointer = map.node_starts(&mut stack, span);
                    stack.push(Frame::Sequence {
                        pointer,
                        next_index: 0,
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::DocumentEnd => break,
                _ => {}
            }
        }
        map
    }

    /// Records a value node that starts at `span` and returns its pointer.
    /// Complex (non-scalar) mapping keys are unusual in a policy; their
    /// contents end up under an empty key, which validation reports anyway.
    fn node_starts(&mut self, stack: &mut [Frame], span: Span) -> String {
        let pointer = match stack.last_mut() {
            None => String::new(),
            Some(Frame::Sequence {
                pointer,
                next_index,
            }) => {
                let item = format!("{pointer}/{next_index}");
                *next_index += 1;
                item
            }
            Some(Frame::Mapping {
                pointer,
                pending_key,
            }) => pending_key.take().unwrap_or_else(|| format!("{pointer}/")),
        };
        self.record(&pointer, span);
        pointer
    }

    fn record(&mut self, pointer: &str, span: Span) {
        self.positions
            .entry(pointer.to_owned())
            .or_insert(Position {
                line: span.start.line(),
                column: span.start.col() + 1,
            });
    }

    /// The position of `pointer`, or of its nearest ancestor that exists in
    /// the source (a problem may name a key that is missing).
    pub fn locate(&self, pointer: &str) -> Option<Position> {
        let mut pointer = pointer;
        loop {
            if let Some(position) = self.positions.get(pointer) {
                return Some(*position);
            }
            let parent_end = pointer.rfind('/')?;
            pointer = &pointer[..parent_end];
        }
    }
}

/// Escapes a key as a JSON pointer reference token (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn locates_members_and_items_in_json() {
        let source = "{\n  \"version\": 1,\n  \"rules\": [\n    {\"id\": \"a\", \"levle\": \"warn\"},\n    {\"id\": \"b\"}\n  ]\n}\n";
        let map = SourceMap::of(source);
        assert_eq!(map.locate("/version"), at(2, 3));
        assert_eq!(map.locate("/rules"), at(3, 3));
        assert_eq!(map.locate("/rules/0"), at(4, 5));
        assert_eq!(map.locate("/rules/0/levle"), at(4, 17));
        assert_eq!(map.locate("/rules/1/id"), at(5, 6));
    }

    #[test]
    fn missing_keys_fall_back_to_the_nearest_ancestor() {
        let map = SourceMap::of("{\"rules\": [{\"id\": \"x\"}]}");
        assert_eq!(map.locate("/rules/0/kind"), at(1, 12));
        assert_eq!(map.locate(""), at(1, 1));
    }

    #[test]
    fn locates_nodes_in_block_yaml() {
        let source = "version: 1\nrules:\n  - id: acme.codenames\n    terms:\n      - Orion-7\n      - Kranich\n";
        let map = SourceMap::of(source);
        assert_eq!(map.locate("/rules/0/id"), at(3, 5));
        assert_eq!(map.locate("/rules/0/terms/1"), at(6, 9));
    }

    #[test]
    fn escapes_keys_and_counts_columns_in_characters() {
        let map = SourceMap::of("{\"ä/b\": {\"c~d\": 1}}");
        assert_eq!(map.locate("/ä~1b/c~0d"), at(1, 10));
    }

    #[test]
    fn broken_documents_do_not_fail() {
        let map = SourceMap::of("{\"a\": [1, 2");
        assert_eq!(map.locate("/a/1"), at(1, 11));
        for broken in [": : :", "- [ }", "{\"a\": {\"b\": ]}", "\t- x"] {
            let map = SourceMap::of(broken);
            assert_eq!(map.locate("/missing/key"), map.locate(""));
        }
    }
}
