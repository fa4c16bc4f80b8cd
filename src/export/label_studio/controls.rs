//! The per-region attribute controls of a labeling config: one `<Choices>` per name of a
//! `choices` result (its values, each a `<Choice>`), one `<TextArea>` per name of a free-text
//! result, gathered from the tasks an export wrote, so the config lists exactly what they hold
//! (tandai's attributes, and what a kept task carried from its import).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead};

use serde_json::Value;

use super::{
    CHECKWORTHY_FROM, CHOICE_SEPARATOR, CLAIM_FROM, CUE_FROM, ENTITY_FROM, NOTE_FROM, QUOTE_FROM,
    TEXT_NAME,
};
use crate::model::{AnnotationSet, Attribute};

/// The names tandai's own controls use: a result of another kind under one of them is left
/// out of the config rather than giving a control's name twice.
const OWN: [&str; 7] = [
    ENTITY_FROM,
    QUOTE_FROM,
    CUE_FROM,
    CLAIM_FROM,
    CHECKWORTHY_FROM,
    NOTE_FROM,
    TEXT_NAME,
];

/// What one control holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Choices {
    values: BTreeSet<String>,
    /// Some result gives several choices at once.
    multiple: bool,
}

/// The attribute controls of a config, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttributeControls {
    choices: BTreeMap<String, Choices>,
    free: BTreeSet<String>,
}

/// Whether a task's JSON (as tandai and serde_json write it: no space after `:`) names a
/// control other than tandai's own in a `from_name`: only such a task can add a control, so
/// the others (most of an export) are not parsed. A name with an escape counts as another.
fn names_another_control(task: &str) -> bool {
    const KEY: &str = "\"from_name\":\"";
    task.match_indices(KEY).any(|(at, _)| {
        let rest = &task[at + KEY.len()..];
        let name = rest.find('"').map_or(rest, |end| &rest[..end]);
        name.contains('\\') || !OWN.contains(&name)
    })
}

impl AttributeControls {
    /// The controls the per-region results of the Label Studio tasks in `input` need (the
    /// export's output: a JSON array with one task per line).
    pub fn of_tasks(input: impl BufRead) -> io::Result<Self> {
        let mut controls = Self::default();
        for line in input.lines() {
            let line = line?;
            let task = line.trim().trim_end_matches(',');
            if !task.starts_with('{')
                || !(task.contains("\"choices\"") || task.contains("\"textarea\""))
                || !names_another_control(task)
            {
                continue;
            }
            let task: Value = serde_json::from_str(task)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            for result in ["annotations", "predictions"]
                .iter()
                .filter_map(|key| task.get(key)?.as_array())
                .flatten()
                .filter_map(|a| a.get("result")?.as_array())
                .flatten()
            {
                controls.add_result(result);
            }
        }
        Ok(controls)
    }

    /// The controls the attributes of `set` need, as tandai writes them.
    pub fn of_set(set: &AnnotationSet) -> Self {
        let mut controls = Self::default();
        let all = set
            .entities
            .iter()
            .flat_map(|e| &e.attributes)
            .chain(set.quotes.iter().flat_map(|q| &q.attributes))
            .chain(set.claims.iter().flat_map(|c| &c.attributes));
        for a in all {
            controls.add_attribute(a);
        }
        controls
    }

    fn add_attribute(&mut self, a: &Attribute) {
        let values: Vec<&str> = match &a.value {
            Some(v) => v.split(CHOICE_SEPARATOR).collect(),
            None => vec![a.name.as_str()],
        };
        self.add_choices(&a.name, &values);
    }

    fn add_choices(&mut self, name: &str, values: &[&str]) {
        if OWN.contains(&name) {
            return;
        }
        let c = self.choices.entry(name.to_owned()).or_default();
        c.multiple |= values.len() > 1;
        c.values.extend(values.iter().map(|v| (*v).to_owned()));
    }

    fn add_result(&mut self, result: &Value) {
        let Some(name) = result.get("from_name").and_then(Value::as_str) else {
            return;
        };
        match result.get("type").and_then(Value::as_str) {
            Some("choices") => {
                let values: Vec<&str> = result
                    .pointer("/value/choices")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                self.add_choices(name, &values);
            }
            Some("textarea") if !OWN.contains(&name) => {
                self.free.insert(name.to_owned());
            }
            _ => {}
        }
    }

    /// Whether there is no control to write.
    pub fn is_empty(&self) -> bool {
        self.choices.is_empty() && self.free.is_empty()
    }

    /// The controls as XML lines of a `<View>`, each with `perRegion="true"`, by name (a name
    /// given both as choices and as free text is a `<Choices>`).
    pub fn xml(&self, escape: impl Fn(&str) -> String) -> String {
        let mut out = String::new();
        for (name, c) in &self.choices {
            let choice = if c.multiple {
                " choice=\"multiple\""
            } else {
                ""
            };
            out.push_str(&format!(
                "  <Choices name=\"{}\" toName=\"{TEXT_NAME}\" perRegion=\"true\"{choice}>\n",
                escape(name)
            ));
            for v in &c.values {
                out.push_str(&format!("    <Choice value=\"{}\"/>\n", escape(v)));
            }
            out.push_str("  </Choices>\n");
        }
        for name in self.free.iter().filter(|n| !self.choices.contains_key(*n)) {
            out.push_str(&format!(
                "  <TextArea name=\"{}\" toName=\"{TEXT_NAME}\" perRegion=\"true\"/>\n",
                escape(name)
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_and_free_text_from_the_tasks() {
        let tasks = concat!(
            "[\n",
            r#"{"annotations":[{"result":[{"id":"e1","from_name":"Category","to_name":"text","type":"choices","value":{"start":0,"end":1,"choices":["a","b"]}},"#,
            r#"{"id":"e1","from_name":"Negated","to_name":"text","type":"choices","value":{"start":0,"end":1,"choices":["Negated"]}},"#,
            r#"{"id":"c1","from_name":"checkworthy","to_name":"text","type":"choices","value":{"start":0,"end":1,"choices":["Yes"]}}]}]},"#,
            "\n",
            r#"{"predictions":[{"result":[{"id":"e2","from_name":"Comment","to_name":"text","type":"textarea","value":{"start":0,"end":1,"text":["x"]}},"#,
            r#"{"id":"e2","from_name":"Category","to_name":"text","type":"choices","value":{"start":0,"end":1,"choices":["c"]}}]}]}"#,
            "\n]\n"
        );
        let controls = AttributeControls::of_tasks(tasks.as_bytes()).unwrap();
        let xml = controls.xml(str::to_owned);
        assert_eq!(
            xml,
            concat!(
                "  <Choices name=\"Category\" toName=\"text\" perRegion=\"true\" choice=\"multiple\">\n",
                "    <Choice value=\"a\"/>\n    <Choice value=\"b\"/>\n    <Choice value=\"c\"/>\n",
                "  </Choices>\n",
                "  <Choices name=\"Negated\" toName=\"text\" perRegion=\"true\">\n",
                "    <Choice value=\"Negated\"/>\n",
                "  </Choices>\n",
                "  <TextArea name=\"Comment\" toName=\"text\" perRegion=\"true\"/>\n",
            )
        );
    }

    #[test]
    fn only_tasks_naming_another_control_are_read() {
        let own = r#"{"annotations":[{"result":[{"id":"c1","from_name":"checkworthy","to_name":"text","type":"choices","value":{"choices":["Yes"]}}]}]}"#;
        assert!(!names_another_control(own));
        assert!(names_another_control(&own.replace("checkworthy", "Stance")));
        assert!(names_another_control(
            &own.replace("checkworthy", r#"check\"worthy"#)
        ));
        // A task that cannot be read is an error only when it may add a control.
        let broken = format!("[\n{},\n]\n", &own[..own.len() - 1]);
        assert!(
            AttributeControls::of_tasks(broken.as_bytes())
                .unwrap()
                .is_empty()
        );
        let broken = broken.replace("checkworthy", "Stance");
        assert!(AttributeControls::of_tasks(broken.as_bytes()).is_err());
    }

    #[test]
    fn a_sets_attributes_as_the_writer_gives_them() {
        let mut set = AnnotationSet::new(0);
        let (_, sample) = crate::export::fixture::sample();
        let mut e = sample.entities[0].clone();
        e.attributes = vec![Attribute::flag("Negated"), Attribute::valued("Role", "a|b")];
        set.entities.push(e);
        let controls = AttributeControls::of_set(&set);
        let xml = controls.xml(str::to_owned);
        assert!(
            xml.contains(
                "<Choices name=\"Role\" toName=\"text\" perRegion=\"true\" choice=\"multiple\">"
            ),
            "{xml}"
        );
        assert!(xml.contains("<Choice value=\"Negated\"/>"), "{xml}");
    }
}
