//! The mandatory rules of the W3C Web Annotation Data Model
//! (<https://www.w3.org/TR/annotation-model/>) that an `AnnotationCollection` of factmark's
//! kind can break, written from the specification as checks on the exported JSON. Each
//! problem names where it is (`first.items[2].body[1]`) and the rule.

use serde_json::Value;

/// The motivations of the model (section 3.3.5); `purpose` and `motivation` take these.
const MOTIVATIONS: &[&str] = &[
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
];

const AGENT_TYPES: &[&str] = &["Person", "Organization", "Software"];

/// Every broken rule of `collection`, empty when it conforms.
pub fn problems(collection: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut say = |at: &str, rule: &str| found.push(format!("{at}: {rule}"));
    check_collection(collection, &mut say);
    found
}

type Say<'a> = dyn FnMut(&str, &str) + 'a;

/// An IRI, written as a URI: a scheme, then characters allowed in a URI (no spaces, no
/// characters outside ASCII, none of `<>"{}|\^` and backtick).
fn is_uri(value: &Value) -> bool {
    let Some(s) = value.as_str() else {
        return false;
    };
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    scheme_ok
        && !rest.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_graphic() && !"<>\"{}|\\^`".contains(c))
}

fn has_type(value: &Value, wanted: &str) -> bool {
    match &value["type"] {
        Value::String(t) => t == wanted,
        Value::Array(types) => types.iter().any(|t| t == wanted),
        _ => false,
    }
}

/// `xsd:dateTime`: `YYYY-MM-DDThh:mm:ss`, optional fraction, and a time zone.
fn is_datetime(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
}

fn one_or_many(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        one => vec![one],
    }
}

fn check_context(value: &Value, at: &str, required: bool, say: &mut Say<'_>) {
    let context = &value["@context"];
    let ok = match context {
        Value::String(c) => c == super::w3c::CONTEXT,
        Value::Array(cs) => cs.iter().any(|c| c == super::w3c::CONTEXT),
        Value::Null => !required,
        _ => false,
    };
    if !ok {
        say(
            at,
            "@context must be or include http://www.w3.org/ns/anno.jsonld",
        );
    }
}

fn check_collection(collection: &Value, say: &mut Say<'_>) {
    let at = "collection";
    check_context(collection, at, true, say);
    if !is_uri(&collection["id"]) {
        say(at, "id must be exactly one IRI");
    }
    if !has_type(collection, "AnnotationCollection") {
        say(at, "type must include AnnotationCollection");
    }
    if let Some(label) = collection.get("label")
        && !label.is_string()
    {
        say(at, "label must be a string");
    }
    if let Some(generator) = collection.get("generator") {
        check_agent(generator, "collection.generator", say);
    }
    let first = &collection["first"];
    let mut items = 0;
    if first.is_object() {
        items = check_page(first, "first", &collection["id"], say);
    } else if !is_uri(first) {
        say(at, "first must be a page or its IRI");
    }
    if let Some(last) = collection.get("last")
        && !(is_uri(last) || last.is_object())
    {
        say(at, "last must be a page or its IRI");
    }
    match collection.get("total").and_then(Value::as_u64) {
        None if collection.get("total").is_some() => {
            say(at, "total must be a non-negative integer");
        }
        Some(total) if total as usize != items && first.is_object() => {
            say(
                at,
                "total must be the number of annotations in the collection",
            );
        }
        _ => {}
    }
}

/// Checks a page and its annotations; returns how many there are.
fn check_page(page: &Value, at: &str, collection_id: &Value, say: &mut Say<'_>) -> usize {
    if !is_uri(&page["id"]) {
        say(at, "id must be exactly one IRI");
    }
    if !has_type(page, "AnnotationPage") {
        say(at, "type must include AnnotationPage");
    }
    if let Some(part_of) = page.get("partOf") {
        let id = if part_of.is_object() {
            &part_of["id"]
        } else {
            part_of
        };
        if id != collection_id {
            say(at, "partOf must name the collection the page is part of");
        }
    }
    if let Some(start) = page.get("startIndex")
        && start.as_u64().is_none()
    {
        say(at, "startIndex must be a non-negative integer");
    }
    let Some(items) = page["items"].as_array() else {
        say(at, "items must be a list of annotations");
        return 0;
    };
    for (i, item) in items.iter().enumerate() {
        check_annotation(item, &format!("{at}.items[{i}]"), say);
    }
    items.len()
}

fn check_annotation(annotation: &Value, at: &str, say: &mut Say<'_>) {
    // Inside a collection an annotation may leave the context to the collection.
    check_context(annotation, at, false, say);
    if !is_uri(&annotation["id"]) {
        say(at, "id must be exactly one IRI");
    }
    if !has_type(annotation, "Annotation") {
        say(at, "type must include Annotation");
    }
    for motivation in one_or_many(&annotation["motivation"]) {
        if !motivation
            .as_str()
            .is_some_and(|m| MOTIVATIONS.contains(&m))
        {
            say(at, "motivation must be one of the model's motivations");
        }
    }
    for field in ["created", "modified", "generated"] {
        if let Some(value) = annotation.get(field)
            && !is_datetime(value)
        {
            say(
                at,
                &format!("{field} must be an xsd:dateTime with a time zone"),
            );
        }
    }
    for (i, creator) in one_or_many(&annotation["creator"]).into_iter().enumerate() {
        check_agent(creator, &format!("{at}.creator[{i}]"), say);
    }
    for (i, body) in one_or_many(&annotation["body"]).into_iter().enumerate() {
        check_body(body, &format!("{at}.body[{i}]"), say);
    }
    let targets = one_or_many(&annotation["target"]);
    if targets.is_empty() {
        say(at, "an annotation must have at least one target");
    }
    for (i, target) in targets.into_iter().enumerate() {
        check_target(target, &format!("{at}.target[{i}]"), say);
    }
}

fn check_agent(agent: &Value, at: &str, say: &mut Say<'_>) {
    if is_uri(agent) {
        return;
    }
    if !agent.is_object() {
        say(at, "an agent must be an IRI or an object");
        return;
    }
    if let Some(id) = agent.get("id")
        && !is_uri(id)
    {
        say(at, "an agent's id must be an IRI");
    }
    if agent.get("type").is_some() && !AGENT_TYPES.iter().any(|t| has_type(agent, t)) {
        say(
            at,
            "an agent's type must be Person, Organization or Software",
        );
    }
    for name in one_or_many(&agent["name"]) {
        if !name.is_string() {
            say(at, "an agent's name must be a string");
        }
    }
}

fn check_purpose(resource: &Value, at: &str, say: &mut Say<'_>) {
    for purpose in one_or_many(&resource["purpose"]) {
        if !purpose.as_str().is_some_and(|p| MOTIVATIONS.contains(&p)) {
            say(at, "purpose must be one of the model's motivations");
        }
    }
}

fn check_body(body: &Value, at: &str, say: &mut Say<'_>) {
    if is_uri(body) {
        return;
    }
    if !body.is_object() {
        say(at, "a body must be an IRI or an object");
        return;
    }
    if has_type(body, "TextualBody") {
        if !body["value"].is_string() {
            say(at, "a TextualBody must have exactly one string value");
        }
        if let Some(format) = body.get("format")
            && !format.is_string()
        {
            say(at, "format must be a string");
        }
        check_purpose(body, at, say);
    } else if has_type(body, "SpecificResource") {
        if !is_uri(&body["source"]) {
            say(at, "a SpecificResource must have exactly one source IRI");
        }
        check_purpose(body, at, say);
    } else {
        // An External Web Resource: its IRI, and no purpose of its own.
        if !is_uri(&body["id"]) {
            say(
                at,
                "an External Web Resource must have exactly one IRI as id",
            );
        }
        if body.get("purpose").is_some() {
            say(
                at,
                "an External Web Resource must not have a purpose (use a SpecificResource)",
            );
        }
    }
}

fn check_target(target: &Value, at: &str, say: &mut Say<'_>) {
    if is_uri(target) {
        return;
    }
    if !target.is_object() {
        say(at, "a target must be an IRI or an object");
        return;
    }
    if target.get("source").is_none() {
        if !is_uri(&target["id"]) {
            say(at, "an External Web Resource target must have an IRI as id");
        }
        return;
    }
    if !is_uri(&target["source"]) {
        say(at, "a SpecificResource must have exactly one source IRI");
    }
    for (i, selector) in one_or_many(&target["selector"]).into_iter().enumerate() {
        let at = format!("{at}.selector[{i}]");
        if selector.get("type").is_none() {
            say(&at, "a selector must have a type");
        }
        if has_type(selector, "TextQuoteSelector") {
            if !selector["exact"].is_string() {
                say(&at, "TextQuoteSelector must have exactly one string exact");
            }
            for field in ["prefix", "suffix"] {
                if let Some(value) = selector.get(field)
                    && !value.is_string()
                {
                    say(&at, &format!("TextQuoteSelector {field} must be a string"));
                }
            }
        }
        if has_type(selector, "TextPositionSelector") {
            let start = selector["start"].as_u64();
            let end = selector["end"].as_u64();
            if start.is_none() || end.is_none() {
                say(
                    &at,
                    "TextPositionSelector must have exactly one non-negative integer start and end",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ops::export::{Format, Options, export};

    fn exported(document: &crate::model::Document) -> Value {
        let out = export(document, Format::W3c, &Options::default()).expect("exports");
        serde_json::from_slice(&out.bytes).expect("JSON")
    }

    #[test]
    fn the_export_of_the_fixture_conforms_and_sources_are_specific_resources() {
        let fixture = include_bytes!("../../../tests/data/export/fixture.factmark.json");
        let document = crate::format::load(fixture).into_valid().expect("valid");
        let collection = exported(&document);
        assert_eq!(problems(&collection), Vec::<String>::new());
        assert_eq!(collection["generator"]["name"], "factmark");
        assert_eq!(collection["last"], collection["first"]["id"]);
        assert_eq!(collection["first"]["partOf"], collection["id"]);
        let links: Vec<&Value> = collection["first"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .flat_map(|a| a["body"].as_array().expect("bodies"))
            .filter(|b| b["purpose"] == "linking")
            .collect();
        assert!(!links.is_empty());
        for link in links {
            assert_eq!(link["type"], "SpecificResource", "{link}");
            assert!(link.get("id").is_none());
        }
    }

    #[test]
    fn addresses_outside_ascii_are_written_as_uris_and_read_back_as_they_were() {
        use crate::model::{Article, Claim, Clock as _, Document, FixedClock, Source, Verdict};
        let mut document = Document::new(Article::new(crate::text::Text::new(
            "Der Bürgermeister sagt, die Kriminalität sei gesunken.".to_owned(),
        )));
        document.article.url = "https://zeitung.example/bürgermeister?q=straße".to_owned();
        let stamp = FixedClock(chrono::DateTime::UNIX_EPOCH).stamp("Jürgen");
        let mut claim = Claim::new(4, 17, Verdict::DISPUTED, stamp);
        claim.sources.push(Source {
            url: "https://de.wikipedia.example/wiki/Kriminalität_%28Statistik%29".to_owned(),
            ..Source::default()
        });
        claim.sources.push(Source {
            title: "Polizeistatistik 2025, gedruckt".to_owned(),
            ..Source::default()
        });
        document.insert_claim(claim).expect("claim");
        let out = export(&document, Format::W3c, &Options::default()).expect("exports");
        assert_eq!(
            out.warnings,
            ["1 sources without a link left out: a W3C body names a web resource"],
            "a source with only a title has no resource to name, and that is said"
        );
        let collection = exported(&document);
        assert_eq!(problems(&collection), Vec::<String>::new());
        let item = &collection["first"]["items"][0];
        assert_eq!(
            item["target"]["source"],
            "https://zeitung.example/b%C3%BCrgermeister?q=stra%C3%9Fe"
        );
        assert_eq!(
            item["body"][1]["source"],
            "https://de.wikipedia.example/wiki/Kriminalit%C3%A4t_%28Statistik%29",
            "an escape that was there stays"
        );
        let bytes = serde_json::to_vec(&collection).expect("json");
        let back = crate::ops::import::import(
            &bytes,
            crate::ops::import::Format::W3c,
            Some(document.text().as_str()),
        )
        .expect("imports");
        assert_eq!(
            back.document.claims()[0].sources[0].url,
            document.claims()[0].sources[0].url
        );
        // The old shape, a link with a purpose and no type, is still read.
        let mut old = collection.clone();
        old["first"]["items"][0]["body"][1] =
            json!({"id": "https://a.example/old", "purpose": "linking"});
        let back = crate::ops::import::import(
            &serde_json::to_vec(&old).expect("json"),
            crate::ops::import::Format::W3c,
            Some(document.text().as_str()),
        )
        .expect("imports");
        assert_eq!(
            back.document.claims()[0].sources[0].url,
            "https://a.example/old"
        );
    }

    #[test]
    fn each_rule_can_fail() {
        let good = json!({
            "@context": super::super::w3c::CONTEXT,
            "id": "urn:x:c", "type": "AnnotationCollection", "total": 1,
            "generator": {"type": "Software", "name": "factmark"},
            "first": {"id": "urn:x:p", "type": "AnnotationPage", "partOf": "urn:x:c",
                "startIndex": 0, "items": [{
                    "id": "urn:uuid:1", "type": "Annotation", "motivation": "assessing",
                    "created": "2026-12-03T10:00:00Z",
                    "body": [{"type": "TextualBody", "value": "verified", "purpose": "classifying"},
                             {"type": "SpecificResource", "source": "https://a.example/%C3%A9", "purpose": "linking"}],
                    "target": {"source": "https://a.example/", "selector": [
                        {"type": "TextQuoteSelector", "exact": "x"},
                        {"type": "TextPositionSelector", "start": 0, "end": 1}]}}]},
            "last": "urn:x:p"
        });
        assert_eq!(problems(&good), Vec::<String>::new());
        let broken = |pointer: &str, value: Value, rule: &str| {
            let mut bad = good.clone();
            *bad.pointer_mut(pointer).expect(pointer) = value;
            let found = problems(&bad);
            assert!(
                found.iter().any(|p| p.contains(rule)),
                "{pointer}: {found:?}"
            );
        };
        broken(
            "/first/items/0/body/1",
            json!({"id": "https://a.example/", "purpose": "linking"}),
            "must not have a purpose",
        );
        broken(
            "/first/items/0/body/1/source",
            json!("https://a.example/é"),
            "source IRI",
        );
        broken(
            "/first/items/0/body/0/value",
            json!(["a", "b"]),
            "exactly one string value",
        );
        broken("/first/items/0/motivation", json!("judging"), "motivation");
        broken(
            "/first/items/0/created",
            json!("2026-12-03"),
            "xsd:dateTime",
        );
        broken(
            "/first/items/0/target/selector/1/start",
            json!(-1),
            "non-negative integer",
        );
        broken(
            "/first/items/0/target/selector/0/exact",
            json!(null),
            "exact",
        );
        broken("/first/items/0/id", json!("not an iri"), "IRI");
        broken("/first/partOf", json!("urn:x:other"), "partOf");
        broken("/total", json!(2), "number of annotations");
        broken("/@context", json!("http://example.org/ctx"), "@context");
        broken(
            "/generator/type",
            json!("Robot"),
            "Person, Organization or Software",
        );
    }
}
