//! MHTML (`.mhtml`, `.mht`): a web page saved as one file by Chrome or Edge ("Save as
//! single file"), a MIME `multipart/related` message holding the page and its resources.
//!
//! `mail-parser` decodes the MIME structure, the quoted-printable and base64 transfer
//! encodings and each text part's declared charset (through `encoding_rs`). The page is the
//! root part: the one the `start` parameter names, else the first `text/html` part. The
//! other parts (images, styles, frames) are never read, and nothing refers to files
//! outside (a `page_files/` folder is not looked at).

use mail_parser::{MessageParser, MimeHeaders as _};

/// Why a file is not a saved page.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MhtmlError {
    #[error("is not an MHTML file: it has no MIME headers")]
    NotMime,
    #[error("is an MHTML file without a web page in it (no text/html part)")]
    NoPage,
}

/// The root HTML page of an MHTML file, decoded to text.
pub fn root_html(bytes: &[u8]) -> Result<String, MhtmlError> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or(MhtmlError::NotMime)?;
    if message.parts.is_empty() || message.content_type().is_none() {
        return Err(MhtmlError::NotMime);
    }
    let start = message
        .content_type()
        .and_then(|c| c.attribute("start"))
        .map(|s| {
            s.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        });
    let is_html = |p: &&mail_parser::MessagePart<'_>| {
        p.is_text_html()
            || p.content_type().is_some_and(|c| {
                c.ctype().eq_ignore_ascii_case("text")
                    && c.subtype().is_some_and(|s| s.eq_ignore_ascii_case("html"))
            })
    };
    let html_parts = || message.parts.iter().filter(is_html);
    let by_start = start.and_then(|start| {
        html_parts().find(|p| {
            p.content_id()
                .is_some_and(|id| id.trim_start_matches('<').trim_end_matches('>') == start)
        })
    });
    let root = by_start
        .or_else(|| html_parts().next())
        .ok_or(MhtmlError::NoPage)?;
    if root.is_text_html() {
        return root
            .text_contents()
            .map(str::to_owned)
            .ok_or(MhtmlError::NoPage);
    }
    // A part mail-parser could not decode as text (a broken quoted-printable escape, an
    // unknown charset): its bytes, read as any other article's.
    super::decode(root.contents())
        .map(|d| d.text)
        .map_err(|_| MhtmlError::NoPage)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An MHTML file as Chrome writes it: headers, then the page and one image.
    fn saved(page_headers: &str, page_body: &[u8]) -> Vec<u8> {
        let mut file = b"From: <Saved by Blink>\r\n\
Snapshot-Content-Location: https://news.example/story\r\n\
Subject: Story\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/related;\r\n\
\ttype=\"text/html\";\r\n\
\tboundary=\"----MultipartBoundary--abc----\"\r\n\
\r\n\
\r\n\
------MultipartBoundary--abc----\r\n"
            .to_vec();
        file.extend_from_slice(page_headers.as_bytes());
        file.extend_from_slice(b"\r\n\r\n");
        file.extend_from_slice(page_body);
        file.extend_from_slice(
            b"\r\n------MultipartBoundary--abc----\r\n\
Content-Type: image/png\r\n\
Content-Transfer-Encoding: base64\r\n\
Content-Location: https://news.example/a.png\r\n\
\r\n\
iVBORw0KGgo=\r\n\
\r\n\
------MultipartBoundary--abc------\r\n",
        );
        file
    }

    #[test]
    fn quoted_printable_page_in_utf8() {
        let file = saved(
            "Content-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\
             Content-Location: https://news.example/story",
            b"<html><body><p class=3D\"lead\">Caf=C3=A9 prices rose 12% in M=\r\narch.</p></body></html>",
        );
        let html = root_html(&file).expect("a page");
        assert!(
            html.contains(r#"<p class="lead">Café prices rose 12% in March.</p>"#),
            "{html}"
        );
    }

    #[test]
    fn base64_page_in_a_declared_legacy_charset() {
        // "Цены выросли" in windows-1251, base64.
        let cp1251: Vec<u8> = b"<p>"
            .iter()
            .copied()
            .chain([
                0xD6, 0xE5, 0xED, 0xFB, 0x20, 0xE2, 0xFB, 0xF0, 0xEE, 0xF1, 0xEB, 0xE8,
            ])
            .chain(b"</p>".iter().copied())
            .collect();
        let encoded = base64(&cp1251);
        let file = saved(
            "Content-Type: text/html; charset=windows-1251\r\n\
             Content-Transfer-Encoding: base64",
            encoded.as_bytes(),
        );
        assert_eq!(root_html(&file).expect("a page"), "<p>Цены выросли</p>");
    }

    #[test]
    fn the_start_parameter_names_the_root() {
        let file = b"MIME-Version: 1.0\r\n\
Content-Type: multipart/related; boundary=\"b\"; start=\"<main@x>\"; type=\"text/html\"\r\n\
\r\n\
--b\r\n\
Content-Type: text/html\r\n\
Content-ID: <frame@x>\r\n\
\r\n\
<p>An advert frame</p>\r\n\
--b\r\n\
Content-Type: text/html\r\n\
Content-ID: <main@x>\r\n\
\r\n\
<p>The story</p>\r\n\
--b--\r\n";
        assert_eq!(root_html(file).expect("a page").trim(), "<p>The story</p>");
    }

    #[test]
    fn a_page_part_with_a_broken_escape_is_still_read() {
        let file = saved(
            "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable",
            b"<p>Prices rose =3 percent</p>",
        );
        let html = root_html(&file).expect("a page");
        assert!(html.contains("Prices rose"), "{html}");
    }

    #[test]
    fn refuses_what_holds_no_page() {
        assert_eq!(root_html(b""), Err(MhtmlError::NotMime));
        assert_eq!(
            root_html(b"just some words, no headers at all"),
            Err(MhtmlError::NotMime)
        );
        let only_image = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n";
        assert_eq!(root_html(only_image), Err(MhtmlError::NoPage));
    }

    fn base64(bytes: &[u8]) -> String {
        const TABLE: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
