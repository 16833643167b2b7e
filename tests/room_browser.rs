//! The phone pages in a real browser: headless Chromium through chromedriver (WebDriver), at a
//! 390×844 phone window, once with JavaScript on and once with it off. A person joins, answers the
//! whole demo workshop (show-if follow-ups, per-project questions, a step back, a "prefer not to
//! answer", a reload mid-way that resumes at the same question), reaches the thank-you page, and
//! the workshop then scores with them in it. With JavaScript on, a phone follows the facilitator's
//! pacing by itself: a part put on the room replaces the page within seconds, never while the
//! person has typed something not yet sent.
//!
//! Skipped with a notice when `/usr/bin/chromedriver` is missing, unless `HERO_REQUIRE_BROWSER=1`
//! (CI sets it and installs Debian's `chromium` and `chromium-driver`). With
//! `HERO_ROOM_SCREENSHOTS=DIR` the join and a question page are saved as PNGs, light and dark.

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{demo_home, loopback_room};
use fantoccini::{Client, ClientBuilder, Locator};
use hero_readiness::room::Limits;
use hero_readiness::session::{self, PacedPart};
use hero_readiness::storage::paths::Paths;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver() -> Option<Driver> {
    if !Path::new(CHROMEDRIVER).exists() {
        assert!(
            std::env::var("HERO_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "HERO_REQUIRE_BROWSER=1 but {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!("notice: {CHROMEDRIVER} not found; browser tests of the room skipped");
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver { child, port })
}

async fn browser(driver: &Driver, profile: &Path, javascript: bool, dark: bool) -> Client {
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--window-size=390,844".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    if dark {
        args.push("--force-dark-mode".to_owned());
        args.push("--blink-settings=preferredColorScheme=0".to_owned());
    }
    // A headless window is at least 500 px wide; a phone's 390 px viewport is emulated instead.
    let mut options = serde_json::json!({
        "args": args,
        "mobileEmulation": {
            "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0 }
        }
    });
    if !javascript {
        options["prefs"] = serde_json::json!({
            "profile.managed_default_content_settings.javascript": 2
        });
        // Chromedriver's emulated phone cannot type into a page whose scripts are off: this
        // run keeps the plain window (headless Chromium makes it at least 500 px wide); the run
        // with scripts checks the 390 px layout.
        options
            .as_object_mut()
            .expect("an object")
            .remove("mobileEmulation");
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".to_owned(), options);
    ClientBuilder::rustls()
        .expect("TLS roots for the WebDriver client")
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

/// The question text of a page source (empty on other pages).
fn legend(source: &str) -> String {
    source
        .split_once("<legend>")
        .and_then(|(_, rest)| rest.split(['<']).next())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The page source once it is no longer `previous`: a click on a submit button returns before the
/// next page has loaded.
async fn next_page(client: &Client, previous: &str) -> String {
    let started = Instant::now();
    loop {
        let source = client.source().await.unwrap();
        if source != previous && source.contains("</main>") {
            return source;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the page did not change"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|error| panic!("{css}: {error}"))
        .click()
        .await
        .unwrap_or_else(|error| panic!("click {css}: {error}"));
}

async fn screenshot(client: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("HERO_ROOM_SCREENSHOTS") {
        let png = client.screenshot().await.unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(name), png).unwrap();
    }
}

/// Joins as `name` and answers everything; returns the question texts seen.
async fn answer_workshop(client: &Client, url: &str, name: &str, shots: &str) -> Vec<String> {
    client.goto(url).await.unwrap();
    screenshot(client, &format!("join-{shots}.png")).await;
    client
        .find(Locator::Css("#name"))
        .await
        .unwrap()
        .send_keys(name)
        .await
        .unwrap();
    click(client, "input[name=group][value='Customer service']").await;
    let join_page = client.source().await.unwrap();
    click(client, "button.primary").await;
    let mut source = next_page(client, &join_page).await;
    let mut seen: Vec<String> = Vec::new();
    for step in 0..400 {
        if source.contains("Thank you") {
            screenshot(client, &format!("thanks-{shots}.png")).await;
            return seen;
        }
        let question = legend(&source);
        assert!(
            !question.is_empty(),
            "a question page at step {step}: {source}"
        );
        seen.push(question.clone());
        if step == 1 {
            screenshot(client, &format!("question-{shots}.png")).await;
        }
        match step {
            // Back to the previous question, and on again from there.
            4 => {
                click(client, "button[value=back]").await;
                source = next_page(client, &source).await;
                assert_eq!(legend(&source), seen[seen.len() - 2], "back");
                continue;
            }
            7 => {
                click(client, "button[value=decline]").await;
                source = next_page(client, &source).await;
                continue;
            }
            // A reload (and reopening the join link) resumes at the same question.
            12 => {
                client.refresh().await.unwrap();
                assert_eq!(
                    legend(&client.source().await.unwrap()),
                    question,
                    "reload resumes"
                );
                client.goto(url).await.unwrap();
                source = client.source().await.unwrap();
                assert_eq!(legend(&source), question, "the join link resumes");
                seen.pop();
                continue;
            }
            _ => {}
        }
        if source.contains("name=\"pick\"") {
            let buttons = client
                .find_all(Locator::Css("button[name=pick]"))
                .await
                .unwrap();
            let mut chosen = None;
            for button in &buttons {
                if button.text().await.unwrap_or_default() == "Yes" {
                    chosen = Some(button.clone());
                }
            }
            let button = chosen.unwrap_or_else(|| buttons[step % buttons.len()].clone());
            button.click().await.unwrap();
        } else if source.contains("name=\"choice\"") {
            click(client, "input[name=choice]").await;
            click(client, "button.primary").await;
        } else {
            let input = client.find(Locator::Css("#typed")).await.unwrap();
            let typed = if source.contains("type=\"number\"") {
                "2"
            } else {
                "Said in the room"
            };
            input.send_keys(typed).await.unwrap();
            click(client, "button.primary").await;
        }
        source = next_page(client, &source).await;
    }
    panic!("the workshop did not end");
}

fn respondents(home: &Path, dir: &Path) -> u64 {
    let output = Command::new(env!("CARGO_BIN_EXE_hero-readiness"))
        .env("HERO_READINESS_HOME", home)
        .args(["score", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let score: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    score["respondents"].as_u64().unwrap()
}

async fn run_in_browser(javascript: bool, dark: bool) {
    let Some(driver) = start_driver() else {
        return;
    };
    let (home, dir) = demo_home(4);
    let before = respondents(home.path(), &dir);
    let room = loopback_room(&dir, Limits::default());
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, profile.path(), javascript, dark).await;
    let label = match (javascript, dark) {
        (true, false) => "js-light",
        (true, true) => "js-dark",
        (false, false) => "nojs-light",
        (false, true) => "nojs-dark",
    };
    let name = format!("Browser {label}");
    if javascript {
        // The pages are laid out for the phone's width, not a desktop window's.
        client.goto(room.join_url()).await.unwrap();
        let width = client
            .execute("return window.innerWidth", Vec::new())
            .await
            .unwrap();
        assert_eq!(width.as_u64(), Some(390));
        let overflow = client
            .execute(
                "return document.documentElement.scrollWidth > window.innerWidth",
                Vec::new(),
            )
            .await
            .unwrap();
        assert_eq!(
            overflow.as_bool(),
            Some(false),
            "nothing wider than the phone"
        );
    }
    let seen = answer_workshop(&client, room.join_url(), &name, label).await;
    client.close().await.unwrap();
    assert_eq!(room.close().finished, 1);
    // Show-if: "Yes" to having built a fix brought its follow-up; per-project: once per project.
    assert!(
        seen.iter()
            .any(|text| text.contains("know about the fix you built"))
    );
    let per_project = seen
        .iter()
        .filter(|text| text.contains("how much of their time"))
        .count();
    assert_eq!(per_project, 4, "{seen:?}");
    assert_eq!(respondents(home.path(), &dir), before + 1);
    let saved = std::fs::read_dir(dir.join("responses"))
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default())
        .find(|text| text.contains(&name))
        .expect("the browser's response file");
    assert!(saved.contains("Declined") && !saved.contains("completed_at: None"));
    assert!(saved.contains("Said in the room") && saved.contains("\"Customer service\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_answers_the_whole_workshop_with_javascript_on() {
    run_in_browser(true, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_answers_the_whole_workshop_with_javascript_off_in_dark_mode() {
    run_in_browser(false, true).await;
}

/// Waits (without any click) until the page's question is `wanted`; returns the seconds it took.
async fn wait_for_legend(client: &Client, wanted: &str, limit: Duration) -> f64 {
    let started = Instant::now();
    loop {
        let source = client.source().await.unwrap();
        if plain(&legend(&source)) == wanted {
            return started.elapsed().as_secs_f64();
        }
        assert!(
            started.elapsed() < limit,
            "still not on {wanted:?} after {limit:?}: {}",
            legend(&source)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A legend as the person reads it (askama escapes the apostrophe).
fn plain(html: &str) -> String {
    html.replace("&#39;", "'").replace("&amp;", "&")
}

async fn join(client: &Client, url: &str, name: &str) -> String {
    client.goto(url).await.unwrap();
    client
        .find(Locator::Css("#name"))
        .await
        .unwrap()
        .send_keys(name)
        .await
        .unwrap();
    let join_page = client.source().await.unwrap();
    click(client, "button.primary").await;
    next_page(client, &join_page).await
}

/// Taps the first one-tap option and waits for the next page.
async fn tap_first_option(client: &Client) -> String {
    let before = client.source().await.unwrap();
    click(client, "button[name=pick]").await;
    next_page(client, &before).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_a_phone_follows_the_facilitator_without_a_tap() {
    let Some(driver) = start_driver() else {
        return;
    };
    let (_home, dir) = demo_home(4);
    let folder = session::open_workshop(&dir, &Paths::none()).unwrap();
    let prompt = session::discussion_prompts(&folder)[0].clone();
    let project = folder.workshop.projects[0].clone();
    let part = PacedPart::Entry {
        questionnaire: "effort-value".to_owned(),
        entry: project.clone(),
    };
    let room = loopback_room(&dir, Limits::default());
    let pacer = room.pacer();
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, profile.path(), true, false).await;
    let own = legend(&join(&client, room.join_url(), "Follower").await);
    assert!(!own.is_empty());

    // A prompt put on the room: the phone shows it by itself.
    pacer.put_on(Some(prompt.clone().into()));
    let seconds = wait_for_legend(&client, &prompt.text, Duration::from_secs(8)).await;
    assert!(seconds < 6.5, "took {seconds:.1} s");
    // Back to self-paced: its own question again, still without a tap.
    pacer.put_on(None);
    wait_for_legend(&client, &own, Duration::from_secs(8)).await;

    // One project's effort-value questions, walked to the written one.
    pacer.put_on(Some(part));
    let started = Instant::now();
    let mut source = loop {
        let source = client.source().await.unwrap();
        if source.contains("Question 1 of 12") {
            break source;
        }
        assert!(started.elapsed() < Duration::from_secs(8), "the part came");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(source.contains(&project));
    for number in 1..12 {
        if number == 2 {
            screenshot(&client, "paced-js-light.png").await;
        }
        assert!(source.contains(&format!("Question {number} of 12")));
        source = tap_first_option(&client).await;
    }
    assert!(source.contains("Question 12 of 12") && source.contains("<textarea"));
    client
        .find(Locator::Css("#typed"))
        .await
        .unwrap()
        .send_keys("Half a thought")
        .await
        .unwrap();
    // Taken off while the person types: no reload, a notice instead; the text stays.
    pacer.put_on(None);
    tokio::time::sleep(Duration::from_secs(7)).await;
    let source = client.source().await.unwrap();
    assert!(source.contains("Question 12 of 12"), "the page stayed");
    let typed = client.find(Locator::Css("#typed")).await.unwrap();
    assert_eq!(
        typed.prop("value").await.unwrap().as_deref(),
        Some("Half a thought")
    );
    let notice = client.find(Locator::Css("#pace-notice")).await.unwrap();
    assert!(notice.is_displayed().await.unwrap(), "the notice shows");
    screenshot(&client, "paced-notice-js-light.png").await;
    // Once the text is cleared, the phone follows again by itself.
    typed.clear().await.unwrap();
    wait_for_legend(&client, &own, Duration::from_secs(8)).await;

    if std::env::var_os("HERO_ROOM_SCREENSHOTS").is_some() {
        // The paced page in dark mode too, for a person to look at.
        pacer.put_on(Some(PacedPart::Entry {
            questionnaire: "effort-value".to_owned(),
            entry: folder.workshop.projects[1].clone(),
        }));
        let dark_profile = tempfile::tempdir().unwrap();
        let dark = browser(&driver, dark_profile.path(), true, true).await;
        let page = join(&dark, room.join_url(), "Night owl").await;
        assert!(page.contains("Question 1 of 12"));
        tap_first_option(&dark).await;
        screenshot(&dark, "paced-js-dark.png").await;
        let before = dark.source().await.unwrap();
        pacer.put_on(Some(PacedPart::Entry {
            questionnaire: "effort-value".to_owned(),
            entry: "A project added later".to_owned(),
        }));
        let page = next_page(&dark, &before).await;
        assert!(page.contains("not part of your answers"));
        screenshot(&dark, "not-asked-js-dark.png").await;
        dark.close().await.unwrap();
    }
    client.close().await.unwrap();
    drop(room);
}
