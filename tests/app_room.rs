//! The room from the desktop window: "Open the room" on the Participants screen serves the open
//! workshop (a phone can join over loopback and its answer lands in the folder), the room screen
//! shows the join URL, the code and live counts, and "Close the room" stops the server. While
//! the room is open, Results follows the answers as they arrive, under the disclosure rule.

#![cfg(feature = "gui")]

mod common;
mod room_support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use common::app::{WINDOW, app_harness, open};
use common::demo_home;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::app::{App, Command, Screen, Settings};
use hero_readiness::storage::paths::Paths;
use room_support::{Phone, as_pairs, plain_answer};

fn get(address: SocketAddr, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
    )?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply)?;
    Ok(reply)
}

#[test]
fn open_the_room_shows_the_join_url_and_counts_and_closing_stops_the_server() {
    let (home, dir) = demo_home(3);
    let mut harness = app_harness(home.path(), WINDOW);
    open(&mut harness, &dir);
    harness.get_by_label("Participants").click();
    harness.run();
    harness
        .get_by_label("Open the room: everyone answers on their own phone")
        .click();
    harness.run();

    assert!(matches!(harness.state().screen, Screen::Room));
    let (url, code, address) = {
        let view = harness.state().room.as_ref().expect("a room is open");
        (
            view.room.join_url().to_owned(),
            view.room.code().to_owned(),
            view.room.local_addr(),
        )
    };
    // The projector shows the URL, the code and the counts.
    harness.get_by_label(&url);
    harness.get_by_label(&format!("Room code: {code}"));
    harness.get_by_label("Joined 0   ·   Answering 0   ·   Finished 0");

    // A phone (over loopback) reaches the join page with the code, and nothing without it.
    let loopback = SocketAddr::from(([127, 0, 0, 1], address.port()));
    let page = get(loopback, &format!("/{code}")).unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Your name or initials"));
    assert!(get(loopback, "/").unwrap().starts_with("HTTP/1.1 404"));

    harness.get_by_label("Close the room").click();
    harness.run();
    assert!(harness.state().room.is_none());
    assert!(matches!(
        harness.state().screen,
        Screen::ParticipantStart(_)
    ));
    assert_closed(loopback, &format!("/{code}"));
}

/// The room's code answers no more. Another test's room may have taken the freed port meanwhile
/// (the tests run side by side), so a 404 from that room counts as closed too.
fn assert_closed(address: SocketAddr, path: &str) {
    if let Ok(page) = get(address, path) {
        assert!(
            page.starts_with("HTTP/1.1 404"),
            "the closed room still serves its page: {page}"
        );
    }
}

/// Answers every question a phone is asked, plainly, up to the thank-you page.
fn answer_everything(phone: &mut Phone, base: &str, name: &str) {
    let mut page = phone.join(base, name, "Field service");
    for step in 0..400 {
        if page.body.contains("Thank you") {
            return;
        }
        assert_eq!(page.status, 200, "{}", page.body);
        let form = plain_answer(&page.body, step);
        let reply = phone.post(&format!("{base}/q"), &as_pairs(&form));
        assert_eq!(reply.status, 303, "{}", reply.body);
        page = phone.get(reply.location());
    }
    panic!("the workshop did not end");
}

/// The first whole-workshop dimension figure of the shown score that is withheld, by
/// questionnaire and dimension index.
fn withheld_dimension(app: &App) -> Option<(usize, usize)> {
    let score = app.results.score.as_ref()?;
    score
        .questionnaires
        .iter()
        .enumerate()
        .find_map(|(q, questionnaire)| {
            let d = questionnaire
                .dimensions
                .iter()
                .position(|dimension| dimension.withheld.is_some())?;
            Some((q, d))
        })
}

#[test]
fn results_follow_the_room_live_and_a_figure_shows_once_the_threshold_is_met() {
    // One person answered before the room; the threshold is six, so the fifth phone meets it.
    let (home, dir) = demo_home(1);
    let mut harness = app_harness(home.path(), WINDOW);
    open(&mut harness, &dir);
    harness.state_mut().push(Command::SetAnonymityThreshold(6));
    harness.run();
    harness.get_by_label("Participants").click();
    harness.run();
    harness
        .get_by_label("Open the room: everyone answers on their own phone")
        .click();
    harness.run();
    let (code, address) = {
        let view = harness.state().room.as_ref().expect("a room is open");
        (view.room.code().to_owned(), view.room.local_addr())
    };
    let loopback = SocketAddr::from(([127, 0, 0, 1], address.port()));
    let base = format!("/{code}");

    // The facilitator looks at Results: the room stays open and says so in the top bar.
    harness.get_by_label("Results").click();
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Results));
    assert!(
        harness.state().room.is_some(),
        "Results keeps the room open"
    );
    harness.get_by_label("Room open · 0 joined · 0 finished");
    harness.get_by_label("n = 1");
    let (q, d) = withheld_dimension(harness.state()).expect("one person: figures withheld");
    // The facilitator is on the last tab: answers arriving must not move them.
    let tab = harness
        .state()
        .results
        .score
        .as_ref()
        .unwrap()
        .questionnaires
        .len()
        - 1;
    harness.state_mut().results.tab = tab;

    for person in 1..=5 {
        let mut phone = Phone::new(loopback);
        answer_everything(&mut phone, &base, &format!("P{person}"));
        // Nothing is clicked: frames pass (a quarter second each) and the results follow.
        harness.run_steps(6);
        harness.get_by_label(&format!("n = {}", 1 + person));
        harness.get_by_label(&format!("Room open · {person} joined · {person} finished"));
        let score = harness.state().results.score.as_ref().expect("scored");
        assert_eq!(score.respondents, 1 + person);
        let withheld = &score.questionnaires[q].dimensions[d].withheld;
        if person < 5 {
            assert!(
                withheld.is_some(),
                "{} of 6 people: still withheld",
                1 + person
            );
        } else {
            assert_eq!(withheld, &None, "six people: the figure is shown");
        }
    }
    // The tab the facilitator was on stayed.
    assert_eq!(harness.state().results.tab, tab);
    assert!(matches!(harness.state().screen, Screen::Results));

    // The room still serves after the visit, and the top bar leads back to it.
    let page = get(loopback, &base).unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    harness
        .get_by_label("Room open · 5 joined · 5 finished")
        .click();
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Room));
    harness.get_by_label("Joined 5   ·   Answering 0   ·   Finished 5");

    // Going Home leaves the workshop: the room closes and says so.
    harness.get_by_label("Home").click();
    harness.run();
    assert!(harness.state().room.is_none());
    assert!(harness.state().messages.iter().any(|message| {
        message
            .text
            .starts_with("The room is closed (5 joined, 5 finished)")
    }));
    assert_closed(loopback, &base);
}

#[test]
fn the_presenter_follows_the_room_and_keeps_its_slide() {
    let (home, dir) = demo_home(1);
    let mut harness = app_harness(home.path(), WINDOW);
    open(&mut harness, &dir);
    // The smallest threshold: the second phone meets it.
    harness.state_mut().push(Command::SetAnonymityThreshold(3));
    harness.state_mut().push(Command::ShowParticipantStart);
    harness.run();
    harness.state_mut().push(Command::OpenRoom);
    harness.run();
    let (code, address) = {
        let view = harness.state().room.as_ref().expect("a room is open");
        (view.room.code().to_owned(), view.room.local_addr())
    };
    let loopback = SocketAddr::from(([127, 0, 0, 1], address.port()));
    let base = format!("/{code}");
    harness.get_by_label("Results").click();
    harness.run();
    harness.get_by_label("Present").click();
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert!(matches!(
        harness.state().screen,
        Screen::Presenter { chart_index: 2 }
    ));
    let (q, d) = withheld_dimension(harness.state()).expect("one person: figures withheld");

    let respondents = |harness: &Harness<'_, App>| {
        harness
            .state()
            .results
            .score
            .as_ref()
            .expect("scored")
            .respondents
    };
    // The first answer shows on the next frame.
    answer_everything(&mut Phone::new(loopback), &base, "P1");
    harness.step();
    assert_eq!(respondents(&harness), 2);
    let score = harness.state().results.score.as_ref().unwrap();
    assert!(score.questionnaires[q].dimensions[d].withheld.is_some());
    // One more a moment later waits for the once-a-second beat (a frame is a quarter second).
    answer_everything(&mut Phone::new(loopback), &base, "P2");
    harness.step();
    assert_eq!(respondents(&harness), 2, "re-scored at most once a second");
    harness.run_steps(4);
    assert_eq!(respondents(&harness), 3);
    let score = harness.state().results.score.as_ref().unwrap();
    assert_eq!(
        score.questionnaires[q].dimensions[d].withheld, None,
        "shown once three people answered"
    );
    assert!(
        matches!(harness.state().screen, Screen::Presenter { chart_index: 2 }),
        "the slide stayed"
    );
    assert!(
        harness.state().room.is_some(),
        "the presenter keeps the room open"
    );
}

#[test]
#[ignore = "renders the projector's room screen for review; needs a GPU or llvmpipe"]
fn render_the_room_screen_at_1920x1080() {
    let (home, dir) = demo_home(3);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .wgpu()
        .build_ui_state(
            |ui, app: &mut App| app.ui(ui),
            App::new(Settings::default(), Paths::under(home.path())),
        );
    open(&mut harness, &dir);
    harness.state_mut().push(Command::ShowParticipantStart);
    harness.run();
    harness.state_mut().push(Command::OpenRoom);
    harness.run();
    harness.run();
    let image = harness.render().expect("render (needs a GPU or llvmpipe)");
    let out = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screens");
    std::fs::create_dir_all(&out).unwrap();
    image.save(out.join("room.png")).unwrap();
    // A QR code and text: far from a blank screen.
    let dark = image.pixels().filter(|pixel| pixel.0[0] < 64).count();
    assert!(dark > 10_000, "{dark} dark pixels");
}
