//! Facilitator-paced prompts over HTTP: with a customer-dialogue prompt on the room, every phone
//! shows just that prompt, the answer lands in that person's own response file, the phone then
//! waits (a meta refresh, no script); taking the prompt off sends phones back to their own run
//! where they left it. The room's ratings go through the score's disclosure rule.

mod room_support;

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
use hero_readiness::room::{Room, RoomConfig};
use hero_readiness::session::{self, DiscussionPrompt};
use hero_readiness::storage::paths::Paths;
use room_support::{Phone, as_pairs, hidden, legend, pick_labels, plain_answer};

fn workshop() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    hero_readiness::inputs::demo::write_demo(&dir, 1, 2010).unwrap();
    (home, dir)
}

fn open(dir: &Path) -> Room {
    let config = RoomConfig {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        ..RoomConfig::default()
    };
    Room::open(dir, &Paths::none(), config).expect("the room opens")
}

fn prompts(dir: &Path) -> Vec<DiscussionPrompt> {
    let folder = session::open_workshop(dir, &Paths::none()).unwrap();
    let prompts = session::discussion_prompts(&folder);
    assert!(prompts.len() >= 2, "the demo workshop discusses prompts");
    prompts
}

/// The response file whose contents mention `needle` (a participant's name).
fn file_with(dir: &Path, needle: &str) -> String {
    let matching: Vec<String> = std::fs::read_dir(dir.join("responses"))
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default())
        .filter(|text| text.contains(needle))
        .collect();
    assert_eq!(matching.len(), 1, "one file mentions {needle}");
    matching[0].clone()
}

/// The answer a response file holds for `item` (its line), if any.
fn answer_line(file: &str, item: &str) -> Option<String> {
    file.lines()
        .find(|line| line.contains(&format!("\"{item}\"")))
        .map(|line| line.trim().to_owned())
}

#[test]
fn a_prompt_on_the_room_is_all_a_phone_shows_and_its_answer_is_saved_in_that_persons_file() {
    let (_home, dir) = workshop();
    let prompts = prompts(&dir);
    let room = open(&dir);
    let base = format!("/{}", room.code());
    let mut phone = Phone::new(room.local_addr());
    let first = phone.join(&base, "Ada", "");
    // Ada answers her first self-paced question, then the facilitator takes over.
    let own_question = legend(&first.body).unwrap();
    let reply = phone.post(
        &format!("{base}/q"),
        &as_pairs(&plain_answer(&first.body, 0)),
    );
    assert_eq!(reply.status, 303);
    let own_next = phone.get(&format!("{base}/q"));
    let own_next_legend = legend(&own_next.body).unwrap();
    assert_ne!(own_next_legend, own_question);

    let pacer = room.pacer();
    pacer.put_on(Some(prompts[1].clone().into()));
    let page = phone.get(&format!("{base}/q"));
    assert_eq!(page.status, 200);
    assert_eq!(unescape(&legend(&page.body).unwrap()), prompts[1].text);
    assert_eq!(page.body.matches("<legend>").count(), 1, "that prompt only");
    assert!(page.body.contains("The facilitator's question"));
    assert!(
        !page.body.contains("value=\"back\""),
        "no way back into the run"
    );
    assert_eq!(pacer.answered(), 0);

    // Rating it: saved at once in Ada's own file, then a page that waits for the next question.
    let labels = pick_labels(&page.body);
    assert!(labels.len() >= 3, "a rating: {labels:?}");
    let mut form = plain_answer(&page.body, 2);
    form.push(("paced".to_owned(), hidden(&page.body, "paced").unwrap()));
    form.retain(|(key, _)| key != "pick");
    form.push(("pick".to_owned(), "2".to_owned()));
    let reply = phone.post(&format!("{base}/q"), &as_pairs(&form));
    assert_eq!(reply.status, 303);
    let file = file_with(&dir, "Ada");
    let line = answer_line(&file, &prompts[1].item).expect("the prompt's answer is on disk");
    assert!(!line.contains("Declined"), "{line}");
    assert_eq!(pacer.answered(), 1);
    let waiting = phone.get(&format!("{base}/q"));
    assert_eq!(waiting.status, 200);
    assert!(waiting.body.contains("Waiting for the next question"));
    assert!(waiting.body.contains("<meta http-equiv=\"refresh\""));
    assert!(!waiting.body.contains("<script"));
    assert!(
        waiting
            .header("content-security-policy")
            .is_some_and(|csp| csp.contains("default-src 'none'"))
    );
    // Posting the same form again changes nothing and counts nobody twice.
    phone.post(&format!("{base}/q"), &as_pairs(&form));
    assert_eq!(pacer.answered(), 1);

    // The next prompt: asked again; "prefer not to answer" is saved as such.
    pacer.put_on(Some(prompts[0].clone().into()));
    let page = phone.get(&format!("{base}/q"));
    assert_eq!(unescape(&legend(&page.body).unwrap()), prompts[0].text);
    let reply = phone.post(
        &format!("{base}/q"),
        &[
            ("token", &hidden(&page.body, "token").unwrap()),
            ("at", &hidden(&page.body, "at").unwrap()),
            ("paced", &hidden(&page.body, "paced").unwrap()),
            ("action", "decline"),
        ],
    );
    assert_eq!(reply.status, 303);
    let file = file_with(&dir, "Ada");
    assert!(
        answer_line(&file, &prompts[0].item).is_some_and(|line| line.contains("Declined")),
        "{file}"
    );
    assert!(answer_line(&file, &prompts[1].item).is_some(), "kept");

    // Taken off the room: Ada is back in her own run where she left it.
    pacer.put_on(None);
    let page = phone.get(&format!("{base}/q"));
    assert_eq!(legend(&page.body).unwrap(), own_next_legend);
    assert!(page.body.contains("Question 2 of"), "{}", page.body);
    // A stale form of the prompt taken off changes nothing.
    let before = file_with(&dir, "Ada");
    phone.post(&format!("{base}/q"), &as_pairs(&form));
    assert_eq!(file_with(&dir, "Ada"), before);
}

#[test]
fn the_rooms_ratings_of_a_prompt_are_withheld_below_the_threshold() {
    let (_home, dir) = workshop();
    // Only the room's phones answer this workshop.
    for entry in std::fs::read_dir(dir.join("responses")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let prompt = prompts(&dir)[0].clone();
    let threshold = session::open_workshop(&dir, &Paths::none())
        .unwrap()
        .workshop
        .anonymity_threshold;
    assert!(threshold >= 2);
    let room = open(&dir);
    let base = format!("/{}", room.code());
    room.pacer().put_on(Some(prompt.clone().into()));
    // The score counts finished responses: each person declines through their own run, then
    // rates the facilitator's prompt from the thank-you page's reload.
    let pacer = room.pacer();
    let rated = |name: &str| {
        pacer.put_on(None);
        let mut phone = Phone::new(room.local_addr());
        let mut page = phone.join(&base, name, "");
        for _ in 0..400 {
            if page.body.contains("Thank you") {
                break;
            }
            let form = [
                ("token", hidden(&page.body, "token").unwrap()),
                ("at", hidden(&page.body, "at").unwrap()),
                ("action", "decline".to_owned()),
            ];
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let reply = phone.post(&format!("{base}/q"), &form);
            page = phone.get(reply.location());
        }
        assert!(page.body.contains("Thank you"), "{}", page.body);
        assert!(
            page.body.contains("<meta http-equiv=\"refresh\""),
            "the thank-you page looks again, so a prompt put on later reaches this phone"
        );
        pacer.put_on(Some(prompt.clone().into()));
        let page = phone.get(&format!("{base}/done"));
        assert_eq!(page.status, 303, "a finished phone is sent to the prompt");
        let page = phone.get(&format!("{base}/q"));
        let mut form = plain_answer(&page.body, 1);
        form.push(("paced".to_owned(), hidden(&page.body, "paced").unwrap()));
        let reply = phone.post(&format!("{base}/q"), &as_pairs(&form));
        assert_eq!(reply.status, 303);
        assert_eq!(pacer.answered(), 1);
    };
    let ratings = || {
        let folder = session::open_workshop(&dir, &Paths::none()).unwrap();
        let score = score_workshop(&folder, &ScoreOptions::default());
        session::prompt_ratings(&score, &prompt)
            .expect("the prompt is scored")
            .clone()
    };
    for person in 1..threshold {
        rated(&format!("P{person}"));
        let item = ratings();
        assert!(
            item.withheld.is_some(),
            "{person} rated it: withheld {item:?}"
        );
        assert!(item.counts.is_empty() && item.declined.is_none() && item.summary.mean.is_none());
    }
    rated("Last");
    let item = ratings();
    assert!(item.withheld.is_none(), "{:?}", item.withheld);
    assert_eq!(item.summary.n, threshold);
    assert_eq!(
        item.counts.iter().map(|count| count.count).sum::<usize>(),
        threshold
    );
}

/// A legend as the person reads it (askama escapes the apostrophe).
fn unescape(html: &str) -> String {
    html.trim().replace("&#39;", "'").replace("&amp;", "&")
}
