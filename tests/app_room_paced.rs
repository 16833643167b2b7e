//! Facilitator-paced prompts from the window: on the discussion screen, while the room is open,
//! the facilitator puts the shown prompt on every phone, sees how many answered, and reveals the
//! room's ratings only when pressing Reveal; Next prompt moves the phones along, and "Back to
//! self-paced" returns them to their own runs.

#![cfg(feature = "gui")]

mod room_support;

use std::net::SocketAddr;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::app::{App, Command, DialogMode, Screen, Settings};
use hero_readiness::session;
use hero_readiness::storage::paths::Paths;
use room_support::{Phone, as_pairs, hidden, plain_answer};

#[test]
fn the_discussion_screen_puts_a_prompt_on_the_phones_and_reveals_only_when_asked() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    hero_readiness::inputs::demo::write_demo(&dir, 1, 2010).unwrap();
    let prompts =
        session::discussion_prompts(&session::open_workshop(&dir, &Paths::none()).unwrap());
    let mut app = App::new(Settings::default(), Paths::under(home.path()));
    app.dialogs.set_mode(DialogMode::PathFieldOnly);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.state_mut().push(Command::OpenWorkshop(dir.clone()));
    harness.run();
    harness.state_mut().push(Command::OpenRoom);
    harness.run();
    harness.state_mut().push(Command::ShowDiscussion);
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Discussion(_)));
    let (code, port, pacer) = {
        let view = harness.state().room.as_ref().expect("a room is open");
        (
            view.room.code().to_owned(),
            view.room.local_addr().port(),
            view.room.pacer(),
        )
    };
    assert_eq!(pacer.part(), None);
    // With nothing on the phones the ratings show as on any discussion.
    harness.get_by_label("The room's ratings");

    harness
        .get_by_label("Put this prompt on the phones")
        .click();
    harness.run();
    assert_eq!(pacer.part(), Some(prompts[0].clone().into()));
    harness.get_by_label("On the phones · 0 answered");
    assert!(
        harness.query_by_label("The room's ratings").is_none(),
        "hidden before Reveal"
    );

    // A phone answers it; the count follows.
    let base = format!("/{code}");
    let mut phone = Phone::new(SocketAddr::from(([127, 0, 0, 1], port)));
    let page = phone.join(&base, "Ada", "");
    let mut form = plain_answer(&page.body, 0);
    form.push(("paced".to_owned(), hidden(&page.body, "paced").unwrap()));
    assert_eq!(
        phone.post(&format!("{base}/q"), &as_pairs(&form)).status,
        303
    );
    harness.run();
    harness.get_by_label("On the phones · 1 answered");
    assert!(harness.query_by_label("The room's ratings").is_none());

    harness.get_by_label("Reveal").click();
    harness.run();
    harness.get_by_label("The room's ratings");
    // One demo participant: below the threshold, so the figures are withheld, not shown.
    harness.get_by_label_contains("Withheld");
    assert!(harness.query_by_label_contains("rated it ·").is_none());

    // Next prompt moves the phones along, hidden again until revealed.
    harness.get_by_label("Next prompt").click();
    harness.run();
    assert_eq!(pacer.part(), Some(prompts[1].clone().into()));
    assert!(harness.query_by_label("The room's ratings").is_none());
    let page = phone.get(&format!("{base}/q"));
    assert!(
        page.body.contains("name=\"paced\""),
        "the phone shows the next prompt"
    );

    harness.get_by_label("Back to self-paced").click();
    harness.run();
    assert_eq!(pacer.part(), None);
    let page = phone.get(&format!("{base}/q"));
    assert!(!page.body.contains("name=\"paced\""));
    assert!(page.body.contains("Question 1 of"), "back in her own run");
}
