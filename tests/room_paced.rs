//! Facilitator-paced parts over HTTP: with a customer-dialogue prompt, or one project's
//! effort–value questions, on the room, every phone walks just that part one question per page,
//! each answer lands in that person's own response file, the phone then waits (a meta refresh,
//! and the program's own script when JavaScript is on); taking the part off sends phones back to
//! their own run where they left it. The room's ratings go through the score's disclosure rule.

mod common;
mod room_support;

use common::{demo_home, loopback_room};
use std::path::Path;

use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
use hero_readiness::model::response::Answer;
use hero_readiness::room::Limits;
use hero_readiness::session::{self, DiscussionPrompt, PacedPart};
use hero_readiness::storage::paths::Paths;
use room_support::{Kind, Phone, as_pairs, hidden, kind, legend, pick_labels, plain_answer};

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
    let (_home, dir) = demo_home(1);
    let prompts = prompts(&dir);
    let room = loopback_room(&dir, Limits::default());
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
    // The only script is the program's own file (it looks for the next part): nothing inline.
    assert_eq!(
        waiting.body.matches("<script").count(),
        waiting
            .body
            .matches(&format!("<script src=\"{base}/room.js\" defer></script>"))
            .count()
    );
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
    // A late form of the prompt taken off keeps its answer: the same one here, so the file
    // stays as it was.
    let before = file_with(&dir, "Ada");
    phone.post(&format!("{base}/q"), &as_pairs(&form));
    assert_eq!(file_with(&dir, "Ada"), before);
}

#[test]
fn the_rooms_ratings_of_a_prompt_are_withheld_below_the_threshold() {
    let (_home, dir) = demo_home(1);
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
    let room = loopback_room(&dir, Limits::default());
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

/// The chosen one-tap option of a question page, if any.
fn chosen_pick(page: &str) -> Option<usize> {
    page.split("name=\"pick\" value=\"")
        .skip(1)
        .find(|rest| {
            rest.split('>')
                .next()
                .is_some_and(|tag| tag.contains("chosen"))
        })
        .and_then(|rest| rest.split('"').next())
        .and_then(|index| index.parse().ok())
}

/// The answers Grace's response holds for one project's effort–value section, as loaded.
fn effort_value_answers(dir: &Path, name: &str, project: &str) -> Vec<(String, Answer)> {
    let folder = session::open_workshop(dir, &Paths::none()).unwrap();
    let response = &folder
        .responses
        .iter()
        .find(|loaded| loaded.response.label.as_deref() == Some(name))
        .expect("the phone's response is in the folder")
        .response;
    response
        .sections
        .iter()
        .filter(|section| section.questionnaire.as_str() == "effort-value")
        .filter(|section| section.project.as_deref() == Some(project))
        .flat_map(|section| {
            section
                .answers
                .iter()
                .map(|(id, answer)| (id.to_string(), answer.clone()))
        })
        .collect()
}

fn post_form(phone: &mut Phone, base: &str, page: &str, fields: &[(&str, &str)]) -> String {
    let mut form = vec![
        ("token", hidden(page, "token").unwrap()),
        ("at", hidden(page, "at").unwrap()),
        ("paced", hidden(page, "paced").unwrap()),
    ];
    form.extend(
        fields
            .iter()
            .map(|(key, value)| (*key, (*value).to_owned())),
    );
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = phone.post(&format!("{base}/q"), &form);
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply.location().to_owned()
}

#[test]
fn one_projects_effort_value_questions_are_walked_one_page_each_into_that_projects_section() {
    let (_home, dir) = demo_home(1);
    let folder = session::open_workshop(&dir, &Paths::none()).unwrap();
    let project = folder.workshop.projects[1].clone();
    let part = session::paced_parts(&folder)
        .into_iter()
        .find(|part| {
            matches!(part, PacedPart::Entry { questionnaire, entry }
                if questionnaire == "effort-value" && *entry == project)
        })
        .expect("each project's effort-value questions can be paced");
    let title = part.title(&folder);
    let questions = folder.catalog.get("effort-value").unwrap().items.len();
    assert_eq!(questions, 12);
    let room = loopback_room(&dir, Limits::default());
    let base = format!("/{}", room.code());
    let pacer = room.pacer();
    let mut phone = Phone::new(room.local_addr());
    let own = phone.join(&base, "Grace", "");
    let own_question = legend(&own.body).unwrap();
    let mut other = Phone::new(room.local_addr());
    other.join(&base, "Hal", "");

    pacer.put_on(Some(part.clone()));
    let mut page = phone.get(&format!("{base}/q"));
    assert!(page.body.contains(&title), "the part's title on top");
    assert!(page.body.contains("Question 1 of 12"), "{}", page.body);
    assert!(
        !page.body.contains("value=\"back\""),
        "no back before the part"
    );
    let first_legend = legend(&page.body).unwrap();
    let first_page = page.body.clone();
    post_form(&mut phone, &base, &page.body, &[("pick", "1")]);
    assert_eq!((pacer.answering(), pacer.answered()), (1, 0));

    // Back within the part: the first question again, its answer chosen; then on with another.
    page = phone.get(&format!("{base}/q"));
    assert!(page.body.contains("Question 2 of 12"));
    assert_ne!(legend(&page.body).unwrap(), first_legend);
    post_form(&mut phone, &base, &page.body, &[("action", "back")]);
    page = phone.get(&format!("{base}/q"));
    assert_eq!(legend(&page.body).unwrap(), first_legend);
    assert!(page.body.contains("Question 1 of 12"));
    assert_eq!(chosen_pick(&page.body), Some(1));
    post_form(&mut phone, &base, &page.body, &[("pick", "3")]);
    page = phone.get(&format!("{base}/q"));
    assert!(page.body.contains("Question 2 of 12"));
    post_form(&mut phone, &base, &page.body, &[("action", "decline")]);

    // A form of a question already behind changes nothing.
    let before = effort_value_answers(&dir, "Grace", &project);
    post_form(&mut phone, &base, &first_page, &[("pick", "0")]);
    assert_eq!(effort_value_answers(&dir, "Grace", &project), before);

    for number in 3..=questions {
        page = phone.get(&format!("{base}/q"));
        assert!(
            page.body.contains(&format!("Question {number} of 12")),
            "{}",
            page.body
        );
        assert!(page.body.contains(&title));
        assert_eq!(pacer.answered(), 0, "not before the last question");
        if kind(&page.body) == Kind::Text {
            // Too long: refused with the message, what was typed kept, nothing saved.
            let long = "x".repeat(2001);
            let location = post_form(
                &mut phone,
                &base,
                &page.body,
                &[("action", "answer"), ("typed", &long)],
            );
            assert!(location.ends_with("/q?e=too_long"), "{location}");
            let refused = phone.get(&location);
            assert!(refused.body.contains("too long") && refused.body.contains(&long[..2000]));
            assert!(refused.body.contains(&format!("Question {number} of 12")));
            assert_eq!(pacer.answered(), 0);
            post_form(
                &mut phone,
                &base,
                &page.body,
                &[
                    ("action", "answer"),
                    ("typed", "Needs the legal team early."),
                ],
            );
        } else {
            let pick = (number % 5).to_string();
            post_form(&mut phone, &base, &page.body, &[("pick", &pick)]);
        }
    }
    assert_eq!((pacer.answered(), pacer.answering()), (1, 0));
    let waiting = phone.get(&format!("{base}/q"));
    assert!(waiting.body.contains("Waiting for the next question"));

    // Every answer is in Grace's file, in that project's section (and in no other).
    let answers = effort_value_answers(&dir, "Grace", &project);
    assert_eq!(answers.len(), 12, "{answers:?}");
    let answer = |id: &str| answers.iter().find(|(key, _)| key == id).unwrap().1.clone();
    assert_eq!(answer("effort_people"), Answer::Value(4), "the second pick");
    assert_eq!(answer("effort_budget"), Answer::Declined);
    assert!(
        answers
            .iter()
            .any(|(_, given)| { *given == Answer::Text("Needs the legal team early.".to_owned()) })
    );
    for other_project in folder.workshop.projects.iter().filter(|p| **p != project) {
        assert!(effort_value_answers(&dir, "Grace", other_project).is_empty());
    }
    // Hal saw nothing yet, and is not counted.
    assert_eq!(pacer.answered(), 1);

    // The same part again: asked again, with the earlier answers chosen. A form of the round
    // before, sent late, is still the person's word on its question: kept, and the phone goes
    // on with the new round.
    pacer.put_on(Some(part.clone()));
    assert_eq!((pacer.answered(), pacer.answering()), (0, 0));
    let again = phone.get(&format!("{base}/q"));
    assert!(again.body.contains("Question 1 of 12"));
    assert_eq!(chosen_pick(&again.body), Some(3));
    post_form(&mut phone, &base, &page.body, &[("action", "decline")]);
    let late = effort_value_answers(&dir, "Grace", &project);
    assert!(
        late.contains(&("first_step".to_owned(), Answer::Declined)),
        "{late:?}"
    );
    assert_eq!(pacer.answered(), 0, "a late answer is not this round's");
    assert!(
        phone
            .get(&format!("{base}/q"))
            .body
            .contains("Question 1 of 12")
    );

    // A project the phones' answers have no question for: a clear page, nobody counted.
    pacer.put_on(Some(PacedPart::Entry {
        questionnaire: "effort-value".to_owned(),
        entry: "A project added after they joined".to_owned(),
    }));
    let page = phone.get(&format!("{base}/q"));
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("This question is not part of your answers; wait for the next one"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<form"));
    assert!(page.body.contains("<meta http-equiv=\"refresh\""));
    phone.post(
        &format!("{base}/q"),
        &[
            ("token", &hidden(&again.body, "token").unwrap()),
            ("at", &hidden(&again.body, "at").unwrap()),
            ("paced", &hidden(&again.body, "paced").unwrap()),
            ("action", "decline"),
        ],
    );
    // Sent after the facilitator moved on: kept as her answer, counted for no round.
    let kept = effort_value_answers(&dir, "Grace", &project);
    assert!(
        kept.contains(&("effort_people".to_owned(), Answer::Declined)),
        "{kept:?}"
    );
    assert_eq!(kept.len(), late.len(), "{kept:?}");
    assert_eq!((pacer.answered(), pacer.answering()), (0, 0));

    // Back to self-paced: Grace is on her own first question again.
    pacer.put_on(None);
    let page = phone.get(&format!("{base}/q"));
    assert_eq!(legend(&page.body).unwrap(), own_question);
}

#[test]
fn the_pace_endpoint_answers_only_a_seat_and_only_with_the_generation() {
    let (_home, dir) = demo_home(1);
    let prompt = prompts(&dir)[0].clone();
    let room = loopback_room(&dir, Limits::default());
    let base = format!("/{}", room.code());
    let mut phone = Phone::new(room.local_addr());
    let page = phone.join(&base, "Ida", "");
    // Every seat page names the generation it was drawn for and loads the program's own script.
    assert!(page.body.contains("<meta name=\"hero-pace\" content=\"0\""));
    assert!(
        page.body
            .contains(&format!("<script src=\"{base}/room.js\" defer></script>"))
    );
    let csp = page.header("content-security-policy").unwrap().to_owned();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe"),
        "{csp}"
    );
    let pace = phone.get(&format!("{base}/pace"));
    assert_eq!((pace.status, pace.body.as_str()), (200, "0"));
    room.pacer().put_on(Some(prompt.into()));
    assert_eq!(phone.get(&format!("{base}/pace")).body, "1");
    room.pacer().put_on(None);
    assert_eq!(phone.get(&format!("{base}/pace")).body, "2");
    let script = phone.get(&format!("{base}/room.js"));
    assert_eq!(script.status, 200);
    assert!(
        script
            .header("content-type")
            .unwrap()
            .contains("javascript")
    );
    assert!(script.body.contains("hero-pace") && !script.body.contains("eval("));

    // Without the seat's cookie, or without the room code: a 404 that says nothing.
    let mut stranger = Phone::new(room.local_addr());
    let reply = stranger.get(&format!("{base}/pace"));
    assert_eq!(reply.status, 404);
    assert!(!reply.body.contains('2'), "{}", reply.body);
    let mut wrong = phone.clone();
    wrong.cookie = Some("hero_room=0123456789abcdef0123456789abcdef".to_owned());
    assert_eq!(wrong.get(&format!("{base}/pace")).status, 404);
    let reply = phone.get("/pace");
    assert_eq!(reply.status, 404);
    assert!(!reply.body.contains('2'));
    assert_eq!(phone.get("/wrongcode2345678/pace").status, 404);
}

#[test]
fn show_if_inside_a_paced_part_is_asked_again_after_each_answer() {
    let (_home, dir) = demo_home(1);
    // One project's questions with a follow-up that only "Yes" brings (the workshop's own copy
    // of the per-project questionnaire); only the room's phones answer it.
    for entry in std::fs::read_dir(dir.join("responses")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let questionnaires = dir.join("questionnaires");
    std::fs::create_dir_all(&questionnaires).unwrap();
    std::fs::write(
        questionnaires.join("effort-value.ron"),
        r#"Questionnaire(
    format_version: 1,
    id: "effort-value",
    version: 1,
    title: "Project check",
    per_project: true,
    dimensions: [Dimension(id: "voice", title: "Voice")],
    items: [
        Item(id: "built", text: "Did you build a fix for it?", kind: YesNo, required: true),
        Item(id: "told", text: "Does IT know about your fix?", kind: YesNo,
             show_if: ShowIf(item: "built", when: IsYes)),
        Item(id: "asked", text: "Were you asked about it?", dimension: "voice",
             kind: Likert(points: 3, labels: ["No", "Partly", "Yes"])),
        Item(id: "note", text: "Anything to add?", kind: Text(multiline: false)),
    ],
)"#,
    )
    .unwrap();
    let folder = session::open_workshop(&dir, &Paths::none()).unwrap();
    assert!(folder.problems.is_empty(), "{:?}", folder.problems);
    let project = folder.workshop.projects[2].clone();
    let room = loopback_room(&dir, Limits::default());
    let base = format!("/{}", room.code());
    let pacer = room.pacer();
    pacer.put_on(Some(PacedPart::Entry {
        questionnaire: "effort-value".to_owned(),
        entry: project.clone(),
    }));
    let mut phone = Phone::new(room.local_addr());
    let page = phone.join(&base, "Jo", "");
    assert!(page.body.contains("Project check \u{2014} "));
    assert!(page.body.contains("Question 1 of 3"), "{}", page.body);
    assert_eq!(
        legend(&page.body).unwrap().trim(),
        "Did you build a fix for it?"
    );
    // Required: nothing chosen is refused with the message, and nothing moves.
    let location = post_form(&mut phone, &base, &page.body, &[("action", "answer")]);
    assert!(location.ends_with("/q?e=required"), "{location}");
    let refused = phone.get(&location);
    assert!(refused.body.contains("needs an answer") && refused.body.contains("Question 1 of 3"));
    assert_eq!(pacer.answering(), 0);
    let yes = pick_labels(&page.body)
        .iter()
        .position(|label| label == "Yes");
    post_form(
        &mut phone,
        &base,
        &page.body,
        &[("pick", &yes.unwrap().to_string())],
    );
    // "Yes" brought the follow-up: now four questions, the second the follow-up.
    let page = phone.get(&format!("{base}/q"));
    assert!(page.body.contains("Question 2 of 4"), "{}", page.body);
    assert_eq!(
        legend(&page.body).unwrap().trim(),
        "Does IT know about your fix?"
    );
    post_form(&mut phone, &base, &page.body, &[("action", "back")]);
    let page = phone.get(&format!("{base}/q"));
    let no = pick_labels(&page.body)
        .iter()
        .position(|label| label == "No");
    post_form(
        &mut phone,
        &base,
        &page.body,
        &[("pick", &no.unwrap().to_string())],
    );
    // "No" hides it again.
    let page = phone.get(&format!("{base}/q"));
    assert!(page.body.contains("Question 2 of 3"), "{}", page.body);
    assert_eq!(
        legend(&page.body).unwrap().trim(),
        "Were you asked about it?"
    );
    post_form(&mut phone, &base, &page.body, &[("pick", "2")]);
    // An optional text left empty: on, as in the person's own run, and nothing saved for it.
    let page = phone.get(&format!("{base}/q"));
    assert!(page.body.contains("Question 3 of 3"), "{}", page.body);
    assert_eq!((pacer.answering(), pacer.answered()), (1, 0));
    post_form(
        &mut phone,
        &base,
        &page.body,
        &[("action", "answer"), ("typed", "  ")],
    );
    assert_eq!((pacer.answering(), pacer.answered()), (0, 1));
    assert!(
        phone
            .get(&format!("{base}/q"))
            .body
            .contains("Waiting for the next question")
    );
    let mut answers = effort_value_answers(&dir, "Jo", &project);
    answers.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        answers,
        [
            ("asked".to_owned(), Answer::Value(3)),
            ("built".to_owned(), Answer::Value(0)),
        ],
        "the follow-up was left unanswered once hidden, the empty note not saved"
    );
}
