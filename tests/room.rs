//! The room server over loopback, as phones and strangers on the same network would meet it: the
//! room code guards every page, a seat is reached only with its own cookie and token, limits hold
//! and the server keeps serving, everything shown is escaped, and a whole workshop answered over
//! HTTP is on disk and scored.

mod common;
mod room_support;

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hero_readiness::room::{Limits, Room, RoomConfig, RoomError};
use hero_readiness::storage::paths::Paths;
use room_support::{Kind, Phone, as_pairs, hidden, kind, legend, pick_labels, plain_answer};

/// A demo workshop (bundled questionnaires, groups, projects) with `participants` answers in it.
fn workshop(participants: usize) -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    hero_readiness::inputs::demo::write_demo(&dir, participants, 2010).unwrap();
    (home, dir)
}

fn limits() -> Limits {
    Limits {
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        max_body_bytes: 8 * 1024,
        max_text_chars: 500,
        ..Limits::default()
    }
}

fn open(dir: &Path) -> Room {
    common::loopback_room(dir, limits())
}

fn base(room: &Room) -> String {
    format!("/{}", room.code())
}

fn response_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("responses"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    files.sort();
    files
}

/// The one response file whose contents mention `needle`.
fn file_with(dir: &Path, needle: &str) -> String {
    let matching: Vec<String> = response_files(dir)
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .filter(|text| text.contains(needle))
        .collect();
    assert_eq!(matching.len(), 1, "one file mentions {needle}");
    matching[0].clone()
}

#[test]
fn without_the_room_code_every_path_is_404() {
    let (_home, dir) = workshop(2);
    let room = open(&dir);
    let code = room.code().to_owned();
    assert!(code.len() >= 14, "code {code}");
    let mut stranger = Phone::new(room.local_addr());
    let near_misses = [
        "/".to_owned(),
        "/join".to_owned(),
        "/q".to_owned(),
        "/done".to_owned(),
        "/style.css".to_owned(),
        format!("/{}", &code[..code.len() - 1]),
        format!("/{code}x/q"),
        format!("/{}/q", code.to_uppercase()),
    ];
    for path in &near_misses {
        let reply = stranger.get(path);
        assert_eq!(reply.status, 404, "GET {path}");
        assert!(!reply.body.contains("<form"), "GET {path} shows no form");
        let posted = stranger.post(path, &[("name", "x")]);
        assert_eq!(posted.status, 404, "POST {path}");
    }
    assert!(stranger.cookie.is_none(), "no cookie without the code");
    // The right code opens the join page, with the security headers on it.
    let page = stranger.get(&base(&room));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Your name or initials"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("style-src 'self'"));
    // Scripts only from the program itself (the pacing script): nothing inline, no eval.
    assert!(!csp.contains("unsafe-") && csp.contains("script-src 'self';"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
}

#[test]
fn repeated_wrong_codes_from_one_address_are_slowed_down() {
    let (_home, dir) = workshop(2);
    let room = open(&dir);
    let mut stranger = Phone::new(room.local_addr());
    let mut taken = Vec::new();
    for attempt in 0..9 {
        let started = Instant::now();
        let reply = stranger.get(&format!("/guess{attempt}"));
        assert_eq!(reply.status, 404);
        taken.push(started.elapsed());
    }
    // Free for a typo or five, then held back: the ninth waits at least 800 ms (the rule's
    // lower bound, not a speed target).
    assert!(taken[8] >= Duration::from_millis(800), "{taken:?}");
    assert!(taken[7] >= Duration::from_millis(400), "{taken:?}");
    // The room itself still answers at once for someone with the code.
    let mut phone = Phone::new(room.local_addr());
    assert_eq!(phone.get(&base(&room)).status, 200);
}

#[test]
fn a_participant_reaches_only_their_own_seat() {
    let (_home, dir) = workshop(2);
    let room = open(&dir);
    let base = base(&room);
    let mut ann = Phone::new(room.local_addr());
    let mut bob = Phone::new(room.local_addr());
    let ann_page = ann.join(&base, "Ann", "");
    let bob_page = bob.join(&base, "Bob", "");
    assert!(ann_page.body.contains("Answering as <strong>Ann</strong>"));
    assert!(
        !bob_page.body.contains("Ann"),
        "Bob's page shows nothing of Ann"
    );

    // Ann answers the first question.
    let form = plain_answer(&ann_page.body, 6);
    assert_eq!(ann.post(&format!("{base}/q"), &as_pairs(&form)).status, 303);
    let ann_file = file_with(&dir, "\"Ann\"");
    assert!(ann_file.contains("Value(7)"), "{ann_file}");

    // Bob, with Ann's cookie but his own form token, changes nothing of Ann's.
    let mut forger = Phone {
        address: room.local_addr(),
        cookie: ann.cookie.clone(),
    };
    let bob_token = hidden(&bob_page.body, "token").unwrap();
    let forged = forger.post(
        &format!("{base}/q"),
        &[("token", &bob_token), ("at", "1"), ("pick", "0")],
    );
    assert_eq!(forged.status, 403);
    assert_eq!(file_with(&dir, "\"Ann\""), ann_file, "Ann's file untouched");

    // A made-up cookie is no seat: back to the join page, nothing written.
    let files_before = response_files(&dir);
    let mut guesser = Phone {
        address: room.local_addr(),
        cookie: Some("hero_room=00000000000000000000000000000000".to_owned()),
    };
    let reply = guesser.post(
        &format!("{base}/q"),
        &[("token", &bob_token), ("at", "0"), ("pick", "0")],
    );
    assert_eq!((reply.status, reply.location()), (303, base.as_str()));
    assert_eq!(guesser.get(&format!("{base}/q")).status, 303);
    assert_eq!(response_files(&dir), files_before);

    // Cookies are HttpOnly, SameSite=Strict and scoped to the room.
    let mut carol = Phone::new(room.local_addr());
    let page = carol.get(&base);
    let token = hidden(&page.body, "token").unwrap();
    let joined = carol.post(&format!("{base}/join"), &[("token", &token), ("name", "")]);
    let cookie = joined.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    assert!(cookie.contains(&format!("Path={base}")));
    // The join form's token is required too.
    let mut forged_join = Phone::new(room.local_addr());
    let refused = forged_join.post(&format!("{base}/join"), &[("token", "nope"), ("name", "X")]);
    assert_eq!(refused.status, 403);
    assert!(forged_join.cookie.is_none());
    assert_eq!(room.status().joined, 3);
}

#[test]
fn an_oversized_body_gets_413_and_the_room_keeps_serving() {
    let (_home, dir) = workshop(2);
    let room = open(&dir);
    let base = base(&room);
    let mut phone = Phone::new(room.local_addr());
    let page = phone.get(&base);
    let token = hidden(&page.body, "token").unwrap();
    let huge = "x".repeat(64 * 1024);
    let reply = phone.post(
        &format!("{base}/join"),
        &[("token", &token), ("name", &huge)],
    );
    assert_eq!(reply.status, 413);
    assert!(phone.cookie.is_none(), "nobody joined");
    // Sent in chunks with no length announced: refused the same way.
    let chunk = "a".repeat(4096);
    let mut request = format!(
        "POST {base}/join HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    for _ in 0..4 {
        request.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    request.push_str("0\r\n\r\n");
    let chunked = room_support::send_raw(room.local_addr(), request.as_bytes()).unwrap();
    assert_eq!(chunked.status, 413);
    // Still serving, and a normal join works.
    let page = phone.join(&base, "After", "");
    assert!(page.body.contains("Question 1 of"));
    assert_eq!(room.status().joined, 1);
}

#[test]
fn a_slow_client_is_dropped_on_time() {
    let (_home, dir) = workshop(2);
    let room = open(&dir);
    // Half a request head, then silence; and a connection that never says anything.
    let mut half = TcpStream::connect(room.local_addr()).unwrap();
    half.write_all(format!("GET /{}/ HTTP/1.1\r\nHost: x\r\n", room.code()).as_bytes())
        .unwrap();
    let mut silent = TcpStream::connect(room.local_addr()).unwrap();
    for stream in [&mut half, &mut silent] {
        stream
            .set_read_timeout(Some(Duration::from_secs(8)))
            .unwrap();
        let started = Instant::now();
        let mut buffer = [0u8; 1024];
        // The server closes the connection (read gives 0 or an error, not our timeout).
        let closed = match stream.read(&mut buffer) {
            Ok(_) => true,
            Err(error) => !matches!(
                error.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
        };
        assert!(closed, "the server dropped the connection");
        assert!(
            started.elapsed() < Duration::from_secs(6),
            "{:?}",
            started.elapsed()
        );
    }
    // Meanwhile and afterwards the room serves others.
    let mut phone = Phone::new(room.local_addr());
    assert_eq!(phone.get(&base(&room)).status, 200);
}

#[test]
fn a_hostile_name_and_text_answer_come_back_escaped() {
    let (_home, dir) = workshop(2);
    let room = open(&dir);
    let base = base(&room);
    let mut phone = Phone::new(room.local_addr());
    let hostile = "<script>alert(1)</script>\"'&";
    let mut page = phone.join(&base, hostile, "");
    assert!(!page.body.contains("<script>"), "name escaped");
    let shown = page
        .body
        .split("Answering as <strong>")
        .nth(1)
        .and_then(|rest| rest.split("</strong>").next())
        .unwrap_or_default();
    assert_eq!(
        shown,
        "&#60;script&#62;alert(1)&#60;/script&#62;&#34;&#39;&#38;"
    );
    // Answer on (plainly) until the first text question, answer it with markup, come back to it.
    let text = "</textarea><script>alert(2)</script><img src=x onerror=alert(3)>";
    let mut steps = 0;
    while kind(&page.body) != Kind::Text {
        let form = plain_answer(&page.body, steps);
        let reply = phone.post(&format!("{base}/q"), &as_pairs(&form));
        page = phone.get(reply.location());
        steps += 1;
        assert!(steps < 200, "no text question found");
    }
    let form = [
        ("token", hidden(&page.body, "token").unwrap()),
        ("at", hidden(&page.body, "at").unwrap()),
        ("action", "answer".to_owned()),
        ("typed", text.to_owned()),
    ];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = phone.post(&format!("{base}/q"), &pairs);
    let next = phone.get(reply.location());
    let back = phone.post(
        &format!("{base}/q"),
        &[
            ("token", &hidden(&next.body, "token").unwrap()),
            ("at", &hidden(&next.body, "at").unwrap()),
            ("action", "back"),
        ],
    );
    let again = phone.get(back.location());
    assert!(
        again
            .body
            .contains("&#60;/textarea&#62;&#60;script&#62;alert(2)"),
        "{}",
        again.body
    );
    assert!(!again.body.contains("<script>") && !again.body.contains("<img"));
    // On disk it is the person's text, as typed.
    assert!(file_with(&dir, "alert(2)").contains("alert(3)"));
    // A text over the limit is refused, kept for shortening, and not saved.
    let long = "y".repeat(limits().max_text_chars + 1);
    let reply = phone.post(
        &format!("{base}/q"),
        &[
            ("token", &hidden(&again.body, "token").unwrap()),
            ("at", &hidden(&again.body, "at").unwrap()),
            ("action", "answer"),
            ("typed", &long),
        ],
    );
    assert!(reply.location().ends_with("/q?e=too_long"));
    let shown = phone.get(reply.location());
    assert!(shown.body.contains("too long"));
    assert!(!file_with(&dir, "alert(2)").contains("yyyy"));
}

#[test]
fn a_folder_that_cannot_be_written_is_refused() {
    let (_home, dir) = workshop(2);
    let responses = dir.join("responses");
    // Read-only for a normal user; root writes anyway, so then a file stands where the
    // responses folder should be.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&responses, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let still_writable = std::fs::write(responses.join("probe"), b"").is_ok();
    if still_writable {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&responses, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::remove_dir_all(&responses).unwrap();
        std::fs::write(&responses, b"not a folder").unwrap();
    }
    let config = RoomConfig {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        limits: limits(),
    };
    match Room::open(&dir, &Paths::none(), config) {
        Err(RoomError::Folder(problem)) => {
            assert!(problem.message.contains("cannot be written"), "{problem}");
        }
        Err(other) => panic!("refused for the wrong reason: {other}"),
        Ok(room) => panic!("opened on an unwritable folder at {}", room.join_url()),
    }
    #[cfg(unix)]
    if !still_writable {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&responses, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// Answers the whole workshop like a person: "Yes" where asked (so show-if questions appear),
/// one "Prefer not to answer", one step back; returns the question texts seen.
fn answer_everything(phone: &mut Phone, base: &str, first: room_support::Reply) -> Vec<String> {
    let mut page = first;
    let mut seen = Vec::new();
    let mut went_back = false;
    for step in 0..400 {
        if page.body.contains("Thank you") {
            return seen;
        }
        assert_eq!(page.status, 200, "{}", page.body);
        seen.push(legend(&page.body).unwrap_or_default());
        let form = if step == 3 && !went_back {
            went_back = true;
            vec![
                ("token".to_owned(), hidden(&page.body, "token").unwrap()),
                ("at".to_owned(), hidden(&page.body, "at").unwrap()),
                ("action".to_owned(), "back".to_owned()),
            ]
        } else if step == 5 {
            vec![
                ("token".to_owned(), hidden(&page.body, "token").unwrap()),
                ("at".to_owned(), hidden(&page.body, "at").unwrap()),
                ("action".to_owned(), "decline".to_owned()),
            ]
        } else {
            plain_answer(&page.body, step)
        };
        let reply = phone.post(&format!("{base}/q"), &as_pairs(&form));
        assert_eq!(reply.status, 303, "{}", reply.body);
        page = phone.get(reply.location());
    }
    panic!("the workshop did not end");
}

#[test]
fn a_whole_workshop_answered_over_http_is_on_disk_and_scored() {
    let (home, dir) = workshop(4);
    let room = open(&dir);
    let base = base(&room);
    let mut phone = Phone::new(room.local_addr());
    let first = phone.join(&base, "Dana", "Field service");
    assert!(first.body.contains("Question 1 of"));
    assert_eq!(pick_labels(&first.body).len(), 10, "a 1–10 scale");
    let seen = answer_everything(&mut phone, &base, first);
    // The show-if follow-up appeared after "Yes", and per-project questions came once per project.
    assert!(
        seen.iter()
            .any(|text| text.contains("know about the fix you built"))
    );
    let workshop: hero_readiness::model::workshop::Workshop =
        ron::from_str(&std::fs::read_to_string(dir.join("workshop.ron")).unwrap()).unwrap();
    assert!(workshop.projects.len() >= 2);
    let first_effort = seen
        .iter()
        .filter(|text| text.contains("how much of their time"))
        .count();
    assert_eq!(first_effort, workshop.projects.len(), "{seen:?}");
    assert_eq!(room.status().finished, 1);
    let saved = file_with(&dir, "\"Dana\"");
    assert!(!saved.contains("completed_at: None"), "{saved}");
    assert!(saved.contains("Declined"));
    assert!(saved.contains("group: \"Field service\""), "{saved}");
    // The thank-you page stays; the question page leads there.
    let again = phone.get(&format!("{base}/q"));
    assert!(again.location().ends_with("/done"));
    let closed = room.close();
    assert_eq!(closed.finished, 1);

    // The command line scores the workshop with Dana in it: 4 demo people + 1.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_hero-readiness"))
        .env("HERO_READINESS_HOME", home.path())
        .args(["score", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let score: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(score["respondents"], 5);
}

#[cfg(unix)]
#[test]
fn serve_prints_the_join_url_first_and_stops_on_sigterm() {
    use std::io::BufRead;
    let (home, dir) = workshop(2);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hero-readiness"))
        .env("HERO_READINESS_HOME", home.path())
        .args([
            "serve",
            dir.to_str().unwrap(),
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap();
    let rest = url
        .strip_prefix("http://127.0.0.1:")
        .expect("a loopback URL first");
    let (port, code) = rest.split_once('/').unwrap();
    assert!(code.len() >= 14);
    let qr = lines.next().unwrap().unwrap();
    assert!(qr.contains('█'), "a QR code below the URL: {qr}");
    let address = format!("127.0.0.1:{port}").parse().unwrap();
    let mut phone = Phone::new(address);
    let page = phone.join(&format!("/{code}"), "Eve", "");
    let form = plain_answer(&page.body, 2);
    assert_eq!(
        phone.post(&format!("/{code}/q"), &as_pairs(&form)).status,
        303
    );
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        rest.iter()
            .any(|line| line.starts_with("Room closed: 1 joined")),
        "{rest:?}"
    );
    assert!(file_with(&dir, "\"Eve\"").contains("Value(3)"));
}
