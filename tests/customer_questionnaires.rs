//! The two questionnaires on customer efficiency and customer profiles by channel, scored on
//! five-person workshops whose numbers are worked out by hand in the comments, and the
//! per-channel run a participant goes through.

mod common;

use common::{Fixture, close, hand_workshop};
use hero_readiness::analysis::scoring::{
    DimensionScore, QuestionnaireScore, SUBTRACTION_REASON, ScoreOptions, score_workshop,
    too_few_reason,
};
use hero_readiness::model::questionnaire::{AskedPer, Level, Owner, Questionnaire};
use hero_readiness::model::response::{Answer, Response};
use hero_readiness::session::{Moved, Participant, ParticipantRun};
use hero_readiness::storage::folder::WorkshopFolder;

fn questionnaire(fixture: &Fixture, id: &str) -> Questionnaire {
    fixture.folder.catalog.get(id).unwrap().clone()
}

/// Raw answers to the items of `dimension`, in questionnaire order (`None` = not answered,
/// `Some(0)` = "prefer not to answer").
fn answer_items(
    q: &Questionnaire,
    response: &mut Response,
    entry: Option<&str>,
    dimension: &str,
    raw: &[Option<i64>],
) {
    let items: Vec<String> = q.items_of(dimension).map(|item| item.id.clone()).collect();
    assert_eq!(items.len(), raw.len(), "{dimension}: one answer per item");
    let section = response.section_mut(q, entry);
    for (item, value) in items.into_iter().zip(raw) {
        match value {
            Some(0) => section.answers.insert(item, Answer::Declined),
            Some(value) => section.answers.insert(item, Answer::Value(*value)),
            None => None,
        };
    }
}

/// Answers every item of `dimension` so that it scores `value` after reverse-coding.
fn answer_dimension(
    q: &Questionnaire,
    response: &mut Response,
    entry: Option<&str>,
    dimension: &str,
    value: i64,
) {
    let raw: Vec<Option<i64>> = q
        .items_of(dimension)
        .map(|item| Some(if item.reverse { 6 - value } else { value }))
        .collect();
    answer_items(q, response, entry, dimension, &raw);
}

fn finish(fixture: &mut Fixture, mut response: Response) {
    response.completed_at = Some(response.started_at);
    fixture.folder.save_response(&response).unwrap();
}

fn score(fixture: &Fixture) -> QuestionnaireScore {
    score_workshop(&fixture.folder, &ScoreOptions::default())
        .questionnaires
        .remove(0)
}

fn dimension<'a>(dimensions: &'a [DimensionScore], id: &str) -> &'a DimensionScore {
    dimensions.iter().find(|d| d.id == id).unwrap()
}

#[test]
fn customer_efficiency_by_hand() {
    let mut fixture = hand_workshop("customer-efficiency", &[]);
    let q = questionnaire(&fixture, "customer-efficiency");
    // Self-service items 1, 2, 3 (reverse), 4; "0" is prefer not to answer.
    let self_service = [
        [Some(4), Some(4), Some(2), Some(4)], // 4, 4, 4, 4 → 4
        [Some(5), Some(4), Some(1), Some(3)], // 5, 4, 5, 3 → 4.25
        [Some(2), Some(2), Some(4), Some(3)], // 2, 2, 2, 3 → 2.25
        [Some(3), Some(3), Some(3), Some(3)], // 3
        [Some(4), Some(5), Some(2), Some(0)], // 4, 5, 4 → 13/3
    ];
    let time = [2, 2, 2, 1, 2];
    let co_production = [None, Some(4), Some(4), Some(4), Some(5)];
    for p in 0..5 {
        let mut response = Response::new(format!("p{p}"), None, None);
        answer_items(&q, &mut response, None, "self_service", &self_service[p]);
        answer_dimension(&q, &mut response, None, "time_respected", time[p]);
        match co_production[p] {
            Some(value) => answer_dimension(&q, &mut response, None, "co_production", value),
            // One item of four: fewer than half, so no score for this person.
            None => answer_items(
                &q,
                &mut response,
                None,
                "co_production",
                &[Some(5), None, None, None],
            ),
        }
        answer_dimension(&q, &mut response, None, "balance", 3);
        finish(&mut fixture, response);
    }

    let result = score(&fixture);
    assert_eq!(result.respondents, 5);
    assert_eq!(result.asked_per, AskedPer::Once);
    assert!(result.entries.is_empty());

    // (4 + 4.25 + 2.25 + 3 + 13/3) / 5 = 3.5666…: Watch (2.6 ≤ mean < 3.6).
    let self_service = dimension(&result.dimensions, "self_service");
    assert_eq!(self_service.summary.n, 5);
    assert!(close(
        self_service.summary.mean,
        (4.0 + 4.25 + 2.25 + 3.0 + 13.0 / 3.0) / 5.0
    ));
    assert_eq!(self_service.band.as_ref().unwrap().level, Level::Watch);
    // The reverse-coded item reports its raw answers: (2 + 1 + 4 + 3 + 2) / 5 = 2.4.
    let reversed = result
        .items
        .iter()
        .find(|item| item.id == "self_service_3")
        .unwrap();
    assert!(reversed.reverse);
    assert!(close(reversed.summary.mean, 2.4));
    let declined = result
        .items
        .iter()
        .find(|item| item.id == "self_service_4")
        .unwrap();
    assert_eq!(declined.declined, Some(1));

    // 2, 2, 2, 1, 2 → 1.8: Roadblock, for leadership to act on.
    let time = dimension(&result.dimensions, "time_respected");
    assert!(close(time.summary.mean, 1.8));
    let band = time.band.as_ref().unwrap();
    assert_eq!(band.level, Level::Roadblock);
    assert_eq!(band.owner, Owner::Leadership);
    assert!(!band.recommendation.is_empty());

    // p0 answered one item of four, so is left out: (4 + 4 + 4 + 5) / 4 = 4.25, Strong.
    let co_production = dimension(&result.dimensions, "co_production");
    assert_eq!(co_production.summary.n, 4);
    assert!(close(co_production.summary.mean, 4.25));
    assert_eq!(co_production.band.as_ref().unwrap().level, Level::Strong);

    // Everyone 3: Watch; no spread, so agreement is perfect.
    let balance = dimension(&result.dimensions, "balance");
    assert!(close(balance.summary.mean, 3.0));
    assert!(close(balance.summary.sd, 0.0));

    // Weakest first: time 1.8, balance 3, self-service 3.57, co-production 4.25.
    let order: Vec<(&str, Option<usize>)> = result
        .roadblocks
        .iter()
        .map(|r| (r.dimension.as_str(), r.rank))
        .collect();
    assert_eq!(
        order,
        [
            ("time_respected", Some(1)),
            ("balance", Some(2)),
            ("self_service", Some(3)),
            ("co_production", Some(4)),
        ]
    );
}

#[test]
fn customer_profiles_by_hand_per_channel() {
    let channels = ["Web site", "Call centre"];
    let mut fixture = hand_workshop("customer-profiles", &channels);
    let q = questionnaire(&fixture, "customer-profiles");
    assert_eq!(q.asks_per(), AskedPer::Channel);
    // Metrics items 1, 2, 3 (reverse: noisy figures), 4 for the call centre.
    let call_centre_metrics = [
        [Some(2), Some(2), Some(4), Some(2)], // 2, 2, 2, 2 → 2
        [Some(1), Some(2), Some(5), Some(2)], // 1, 2, 1, 2 → 1.5
        [Some(3), Some(3), Some(3), Some(3)], // 3
        [Some(2), Some(3), Some(4), Some(1)], // 2, 3, 2, 1 → 2
        [Some(2), None, None, Some(4)],       // two of four is half: 3
    ];
    let web_metrics = [4, 4, 3, 5, 4];
    for p in 0..5 {
        let mut response = Response::new(format!("p{p}"), None, None);
        answer_dimension(
            &q,
            &mut response,
            Some("Web site"),
            "metrics",
            web_metrics[p],
        );
        answer_dimension(&q, &mut response, Some("Web site"), "defined", 3);
        answer_items(
            &q,
            &mut response,
            Some("Call centre"),
            "metrics",
            &call_centre_metrics[p],
        );
        // Only two people describe the call centre's customers.
        if p < 2 {
            answer_dimension(&q, &mut response, Some("Call centre"), "defined", 2);
        }
        finish(&mut fixture, response);
    }

    let result = score(&fixture);
    assert_eq!(result.asked_per, AskedPer::Channel);
    // Ten evaluations by five people.
    assert_eq!(result.respondents, 10);

    // Whole team: web 4 + 4 + 3 + 5 + 4 = 20, call centre 2 + 1.5 + 3 + 2 + 3 = 11.5;
    // 31.5 / 10 = 3.15, Watch.
    let metrics = dimension(&result.dimensions, "metrics");
    assert_eq!(metrics.summary.n, 10);
    assert!(close(metrics.summary.mean, 3.15));
    assert_eq!(metrics.band.as_ref().unwrap().level, Level::Watch);

    // Per channel, in name order.
    let names: Vec<&str> = result.entries.iter().map(|e| e.entry.as_str()).collect();
    assert_eq!(names, ["Call centre", "Web site"]);
    let call_centre = &result.entries[0];
    let web = &result.entries[1];
    assert_eq!((call_centre.evaluations, web.evaluations), (5, 5));
    assert!(call_centre.withheld.is_none() && web.withheld.is_none());

    // Call centre metrics 11.5 / 5 = 2.3: Roadblock, owned by managers.
    let cc_metrics = dimension(&call_centre.dimensions, "metrics");
    assert!(close(cc_metrics.summary.mean, 2.3));
    let band = cc_metrics.band.as_ref().unwrap();
    assert_eq!(
        (band.level, band.owner),
        (Level::Roadblock, Owner::Managers)
    );
    // Web metrics 20 / 5 = 4: Strong.
    let web_metrics = dimension(&web.dimensions, "metrics");
    assert!(close(web_metrics.summary.mean, 4.0));
    assert_eq!(web_metrics.band.as_ref().unwrap().level, Level::Strong);

    // "Defined": two people for the call centre, under the threshold of 3, so withheld; the
    // whole (5 × 3 + 2 × 2) / 7 = 19/7 from five people is shown, so the web site's figure is
    // withheld too: whole minus web would reveal the two.
    let defined = dimension(&result.dimensions, "defined");
    assert_eq!(defined.summary.n, 7);
    assert!(close(defined.summary.mean, 19.0 / 7.0));
    let cc_defined = dimension(&call_centre.dimensions, "defined");
    assert_eq!(
        cc_defined.withheld.as_deref(),
        Some(too_few_reason(3).as_str())
    );
    assert_eq!(cc_defined.summary.mean, None);
    let web_defined = dimension(&web.dimensions, "defined");
    assert_eq!(web_defined.withheld.as_deref(), Some(SUBTRACTION_REASON));
    assert_eq!(web_defined.summary.mean, None);
    assert!(web_defined.band.is_none());

    // Nobody answered "research": no score anywhere, nothing invented.
    assert_eq!(dimension(&result.dimensions, "research").summary.mean, None);
    assert_eq!(dimension(&web.dimensions, "research").summary.mean, None);
}

#[test]
fn a_channel_rated_by_too_few_people_is_withheld_whole() {
    let mut fixture = hand_workshop("customer-profiles", &["Web site", "Social media"]);
    let q = questionnaire(&fixture, "customer-profiles");
    for p in 0..4 {
        let mut response = Response::new(format!("p{p}"), None, None);
        answer_dimension(&q, &mut response, Some("Web site"), "metrics", 4);
        answer_dimension(&q, &mut response, Some("Web site"), "metrics", 4);
        if p < 2 {
            answer_dimension(&q, &mut response, Some("Social media"), "metrics", 1);
        }
        finish(&mut fixture, response);
    }
    let result = score(&fixture);
    let social = result
        .entries
        .iter()
        .find(|e| e.entry == "Social media")
        .unwrap();
    assert_eq!(social.withheld.as_deref(), Some(too_few_reason(3).as_str()));
    assert!(social.dimensions.iter().all(|d| d.summary.mean.is_none()));
    // Whole minus web site would leave the two social-media ratings: web is withheld as well.
    let web = result
        .entries
        .iter()
        .find(|e| e.entry == "Web site")
        .unwrap();
    assert_eq!(
        dimension(&web.dimensions, "metrics").withheld.as_deref(),
        Some(SUBTRACTION_REASON)
    );
}

#[test]
fn the_profiles_questionnaire_is_asked_once_per_channel_and_saved_per_channel() {
    let mut fixture = hand_workshop("customer-profiles", &["Web site", "Call centre"]);
    let q = questionnaire(&fixture, "customer-profiles");
    let mut run = ParticipantRun::start(&fixture.folder, Participant::default());
    let (_, total) = run.progress(&fixture.folder);
    assert_eq!(total, 2 * q.items.len());
    let mut asked = Vec::new();
    loop {
        asked.push(run.current_project().unwrap().to_owned());
        match run.answer(&mut fixture.folder, Answer::Value(4)).unwrap() {
            Moved::Question => {}
            Moved::End => break,
            Moved::NeedsAnswer => panic!("no item is required"),
        }
    }
    assert_eq!(asked.len(), 2 * q.items.len());
    assert!(asked[..q.items.len()].iter().all(|c| c == "Web site"));
    assert!(asked[q.items.len()..].iter().all(|c| c == "Call centre"));
    // Every answer is on disk already, one section per channel.
    let on_disk = WorkshopFolder::open(&fixture.folder.dir).unwrap();
    let response = &on_disk.responses[0].response;
    let sections: Vec<Option<&str>> = response
        .sections
        .iter()
        .map(|s| s.project.as_deref())
        .collect();
    assert_eq!(sections, [Some("Web site"), Some("Call centre")]);
    assert!(
        response
            .sections
            .iter()
            .all(|s| s.answers.len() == q.items.len())
    );
}

/// `new --channels` and `set --channels` write the cleaned list; a hostile name is refused with
/// exit 1 and leaves the file as it was.
#[test]
fn the_command_line_lists_and_changes_the_channels() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    let hero = || {
        let mut command = assert_cmd::Command::cargo_bin("hero-readiness").unwrap();
        command.env("HERO_READINESS_HOME", home.path());
        command
    };
    let output = hero()
        .args(["new", dir.to_str().unwrap(), "--title", "Channels"])
        .args(["--channels", "Web site, Call centre,call CENTRE,,Kiosk"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let channels = || WorkshopFolder::open(&dir).unwrap().workshop.channels;
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("customer-profiles"),
        "channels are listed, so nothing is skipped"
    );
    assert_eq!(channels(), ["Web site", "Call centre", "Kiosk"]);

    let output = hero()
        .args([
            "set",
            dir.to_str().unwrap(),
            "--channels",
            "In person,Web site",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("channels: In person, Web site"));
    assert_eq!(channels(), ["In person", "Web site"]);

    // Without channels, `new` warns that the per-channel questionnaire would be skipped.
    let bare = home.path().join("bare");
    let output = hero()
        .args(["new", bare.to_str().unwrap(), "--title", "Bare"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("\"customer-profiles\" is asked once per channel and no channel is listed"),
        "{output:?}"
    );

    let long = "x".repeat(101);
    for hostile in ["Web\u{1b}[31msite", long.as_str()] {
        let output = hero()
            .args(["set", dir.to_str().unwrap(), "--channels", hostile])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        assert_eq!(channels(), ["In person", "Web site"], "nothing saved");
    }
    let output = hero()
        .args(["set", dir.to_str().unwrap(), "--channels", ""])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(channels().is_empty(), "an empty value clears the list");
}

/// In the demo both questionnaires get the charts that apply to any banded questionnaire — profile
/// radar, ranked bars, item distributions, group comparison — through the same adapters as the
/// bundled four, and each draws something.
#[test]
fn the_demo_draws_the_usual_charts_for_both_questionnaires() {
    use hero_readiness::outputs::charts::{self, ChartKind, ExportOptions};
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    hero_readiness::inputs::demo::write_demo(&dir, 48, 3).unwrap();
    let folder = WorkshopFolder::open(&dir).unwrap();
    assert_eq!(folder.workshop.channels.len(), 5);
    let score = score_workshop(&folder, &ScoreOptions::default());
    let all = charts::from_score::charts_for(&score);
    for id in ["customer-efficiency", "customer-profiles"] {
        let kinds: Vec<ChartKind> = all
            .iter()
            .filter(|(q, _)| q == id)
            .map(|(_, data)| data.kind())
            .collect();
        for kind in [
            ChartKind::RoadblockBars,
            ChartKind::Roadblocks,
            ChartKind::Items,
            ChartKind::Compare,
        ] {
            assert!(kinds.contains(&kind), "{id}: no {kind:?} in {kinds:?}");
        }
        let (_, bars) = all
            .iter()
            .find(|(q, data)| q == id && data.kind() == ChartKind::RoadblockBars)
            .unwrap();
        let pixels = charts::render_rgb(bars, &ExportOptions::default()).unwrap();
        let first = &pixels.rgb[..3];
        assert!(
            pixels.rgb.chunks(3).any(|px| px != first),
            "{id}: the bars chart is blank"
        );
    }
    // The channels side by side, one series per channel, in the profiles' own charts.
    let by_channel = all
        .iter()
        .find_map(|(q, data)| match data {
            charts::ChartData::Compare(compare)
                if q == "customer-profiles" && compare.title.ends_with(": by channel") =>
            {
                Some(compare)
            }
            _ => None,
        })
        .expect("a chart by channel");
    assert_eq!(by_channel.series.len(), 5);
    assert!(by_channel.series[0].name.starts_with("Call centre (n = "));
    assert_eq!(by_channel.dimensions.len(), 4);
    // Every channel is scored, and five channels rated twice by 48 people leave each above 5.
    let profiles = score
        .questionnaires
        .iter()
        .find(|q| q.id == "customer-profiles")
        .unwrap();
    assert_eq!(profiles.entries.len(), 5);
    assert!(
        profiles
            .entries
            .iter()
            .all(|e| e.withheld.is_none() && e.dimensions.iter().all(|d| d.summary.mean.is_some()))
    );
}

/// Waves compare the efficiency questionnaire like any other; the per-channel one is left out
/// and says why, as per-project questionnaires are.
#[test]
fn waves_compare_customer_efficiency_and_explain_the_channels() {
    use hero_readiness::analysis::waves::{CompareOptions, compare};
    let temp = tempfile::tempdir().unwrap();
    let folders: Vec<WorkshopFolder> = [1, 2]
        .into_iter()
        .map(|seed| {
            let dir = temp.path().join(format!("wave{seed}"));
            hero_readiness::inputs::demo::write_demo(&dir, 30, seed).unwrap();
            WorkshopFolder::open(&dir).unwrap()
        })
        .collect();
    let comparison = compare(&folders, &CompareOptions::default()).unwrap();
    let efficiency = comparison
        .questionnaires
        .iter()
        .find(|q| q.id == "customer-efficiency")
        .expect("compared");
    assert_eq!(efficiency.dimensions.len(), 4);
    assert!(
        comparison
            .notes
            .iter()
            .any(|note| note.contains("\"customer-profiles\" is asked per channel")),
        "{:?}",
        comparison.notes
    );
}
