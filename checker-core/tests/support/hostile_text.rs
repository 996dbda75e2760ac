//! Hostile texts, generated at run time (shared by `tests/hostile_text.rs`
//! and `benches/hostile.rs`, which include this file with `#[path]`).
//!
//! Each is something a real user can paste into a compose box: a long
//! document, an emoji flood, bidi controls, zero-width characters, one
//! enormous word.

/// Realistic paragraphs in German and English, touching most rules of the
/// rich test policy (codenames, evasions, tickets, e-mail addresses,
/// substitutions, organization mentions, CRLF line ends).
const PARAGRAPHS: [&str; 8] = [
    "Heute war ein guter Tag im Team. Wir haben bei Acme das Kranichprojekt vorgestellt, und alle Mitarbeiter waren begeistert! 🎉\n\n",
    "Quick update from the Roadrunner team: ticket ACME-4711 is fixed, thanks to you guys. Reach me at jane.doe@example.com.\r\n",
    "Über die Übernahme von ACME GmbH darf ich nichts sagen, aber O r i o n - 7 kommt bald. 👩‍👩‍👧 #Mitarbeiter\n",
    "The Orion nebula was beautiful last night. No layoffs at Acme Corp, views are my own.\n\n",
    "Ein ganz normaler Absatz ohne Befund: Das Wetter in Hamburg ist grau, der Kaffee ist heiß, und die Straßenbahn kommt pünktlich.\n",
    "Falls ihr fragt: Pr0ject Falc0n und Orion‑7 (mit geschütztem Bindestrich) sind interne Namen. Send an e-mail to the Coyote Cloud team.\n",
    "Ça va? Ωμέγα, Привет, こんにちは, مرحبا — multilingual teams are the best. 🚀🔥💯\n",
    "We shipped v2.3.1 on 2026-11-27 at 14:05; see https://intranet.acme.example/wiki/Roadrunner for details.\n\n",
];

/// About `bytes` bytes of [`PARAGRAPHS`] repeated, cut at a char boundary.
pub fn mixed_paste(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 256);
    for paragraph in PARAGRAPHS.iter().cycle() {
        if text.len() + paragraph.len() > bytes {
            break;
        }
        text.push_str(paragraph);
    }
    text
}

/// `count` emoji: single code points, skin tones, flags, keycaps and ZWJ
/// family sequences, separated now and then by a space or a word.
pub fn emoji_flood(count: usize) -> String {
    const EMOJI: [&str; 8] = ["😀", "👍🏽", "🇩🇪", "1️⃣", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🧑🏿‍💻", "❤️"];
    let mut text = String::new();
    for index in 0..count {
        text.push_str(EMOJI[index % EMOJI.len()]);
        if index % 50 == 49 {
            text.push_str(" Acme ");
        }
    }
    text
}

/// Codenames and organization names wrapped in every bidi control
/// (overrides, embeddings, isolates, marks).
pub fn bidi_controls() -> String {
    let controls = [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
    ];
    let mut text = String::new();
    for (index, control) in controls.iter().cycle().take(240).enumerate() {
        text.push(*control);
        text.push_str(match index % 4 {
            0 => "Orion-7 ",
            1 => "\u{202E}7-noirO\u{202C} ",
            2 => "Acme layoffs ",
            _ => "שלום عالم ",
        });
    }
    text
}

/// `word` with `filler` between every two characters.
pub fn interleaved(word: &str, filler: &str) -> String {
    let mut text = String::new();
    for (index, c) in word.chars().enumerate() {
        if index > 0 {
            text.push_str(filler);
        }
        text.push(c);
    }
    text
}

/// About `bytes` bytes of nothing but zero-width and invisible characters.
pub fn invisible_flood(bytes: usize) -> String {
    const INVISIBLE: [char; 6] = [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{00AD}', '\u{2060}', '\u{FEFF}',
    ];
    let mut text = String::with_capacity(bytes + 4);
    for c in INVISIBLE.iter().cycle() {
        if text.len() + c.len_utf8() > bytes {
            break;
        }
        text.push(*c);
    }
    text
}

/// One word of `chars` letters (no space, no punctuation), containing
/// codenames so that word-boundary handling is exercised at both ends.
pub fn giant_word(chars: usize) -> String {
    let pattern = ['a', 'ö', 'ß', 'x', 'Z', '7'];
    let middle = chars.saturating_sub("Kranich".len() + "Orion".len());
    let mut text = String::from("Kranich");
    text.extend(pattern.iter().cycle().take(middle));
    text.push_str("Orion");
    text
}
