//! Attributes and relations typed in a real terminal (tmux): tag two entities, give the first
//! an attribute, relate the second to the first, see both in the review panel, quit; the saved
//! file holds them. tmux is required (`.ci/run` installs it).

mod common;

use common::tmux::Tmux;
use common::*;
use tandai::model::{Attribute, Document};

#[test]
fn an_attribute_and_a_relation_typed_by_key_are_saved() {
    let (_dir, article) = sample_copy();
    let tmux = Tmux::start(&[&article], None);
    tmux.wait_for("korut-dukung-rusia.txt");
    tmux.keys(&["/"]);
    tmux.type_text("choe son hui");
    tmux.keys(&["Enter", "1"]);
    tmux.wait_for("PER “Choe Son Hui”");
    tmux.keys(&["="]);
    tmux.wait_for("attribute (name, name=value, -name):");
    tmux.type_text("Role=Minister");
    tmux.keys(&["Enter"]);
    tmux.wait_for("e1: Role=Minister");

    tmux.keys(&["/"]);
    tmux.type_text("sergei lavrov");
    tmux.keys(&["Enter", "1"]);
    tmux.wait_for("PER “Sergei Lavrov”");
    tmux.keys(&["R"]);
    tmux.wait_for("relation (KIND TO-ID):");
    tmux.type_text("MeetsWith e1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("relation r1: e2 MeetsWith → e1");

    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for("Relations (1)");
    assert!(screen.contains("MeetsWith"), "{screen}");
    tmux.keys(&["Escape", "q"]);
    tmux.wait_until_ended();

    let doc = Document::new(std::fs::read_to_string(&article).unwrap());
    let set = tandai::store::load(&article, &doc).unwrap().unwrap().set;
    assert_eq!(
        set.entity("e1").unwrap().attributes,
        [Attribute::valued("Role", "Minister")]
    );
    let r = set.relation("r1").expect("the relation is saved");
    assert_eq!(
        (r.kind.as_str(), r.from.as_str(), r.to.as_str()),
        ("MeetsWith", "e2", "e1")
    );
    assert_eq!(set.next_ids.relation, 2);
    let text = std::fs::read_to_string(tandai::store::annotation_path(&article)).unwrap();
    assert!(
        text.contains("(id: \"r1\", kind: \"MeetsWith\", from: \"e2\", to: \"e1\")"),
        "{text}"
    );
}
