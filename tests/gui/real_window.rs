//! The app in a real X window, driven by real input events (xdotool). Ignored by default:
//! it needs an X display and xdotool. `.ci/run` runs it under Xvfb against the release build
//! (`FACTMARK_BIN`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use factmark::format;
use factmark::model::Verdict;

/// One real window at a time: the tests share the X display (and its keyboard focus).
static DISPLAY: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Holds the display for the rest of a test, even after another test failed with it.
fn display() -> std::sync::MutexGuard<'static, ()> {
    DISPLAY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Kills the app when the test ends, whatever happens.
struct App(Child);

impl Drop for App {
    fn drop(&mut self) {
        // Already gone is fine: then there is nothing to stop or wait for.
        if self.0.kill().is_ok() {
            self.0.wait().ok();
        }
    }
}

fn xdotool(args: &[&str]) -> String {
    let output = Command::new("xdotool")
        .args(args)
        .output()
        .expect("xdotool runs");
    assert!(
        output.status.success(),
        "xdotool {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn binary() -> PathBuf {
    std::env::var_os("FACTMARK_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_factmark")),
        PathBuf::from,
    )
}

/// A copy of the repository's file `from` in `dir`, named `name`.
fn copy_of(dir: &tempfile::TempDir, from: &str, name: &str) -> PathBuf {
    let copy = dir.path().join(name);
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(from), &copy).expect("copy");
    copy
}

fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
#[ignore = "needs an X display and xdotool; .ci/run runs it under Xvfb"]
fn drag_press_3_and_ctrl_s_save_an_inaccurate_claim() {
    let _display = display();
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under Xvfb: DISPLAY is not set"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let article = copy_of(
        &dir,
        "assets/articles/beijing-parade-2025.txt",
        "parade.txt",
    );
    let saved = dir.path().join("parade.factmark.json");

    // A fresh home folder: no settings written beforehand, so the app asks who is
    // reviewing, as it does for a new user.
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    let (app, window) = launch(&article, &home);
    let pid = app.0.id().to_string();

    // While the name dialog waits, the app is idle: no frame after frame.
    let busy = cpu_seconds(&pid, Duration::from_secs(3));
    assert!(
        busy < 0.6,
        "the app used {busy:.2} s of CPU in 3 s while the name dialog waited"
    );
    // The name field has the keyboard at once: type, Enter.
    xdotool(&["type", "--delay", "40", "Xdo Tool"]);
    std::thread::sleep(Duration::from_millis(200));
    xdotool(&["key", "Return"]);
    let remembered = home.join(".config/factmark/reviewer");
    wait_for("the name to be remembered", || remembered.exists());
    assert_eq!(
        std::fs::read_to_string(&remembered).expect("read"),
        "Xdo Tool\n"
    );
    std::thread::sleep(Duration::from_millis(300));

    // The first line of the article, right of the claim list: drag across it.
    drag_first_line(&window);
    let document = mark_3_and_save(&saved);
    let claim = &document.claims()[0];
    assert_eq!(claim.verdict, Verdict::INACCURATE);
    let exact = document.exact(claim);
    assert!(
        exact.chars().count() > 5,
        "a real span was selected: {exact:?}"
    );
    let text: Vec<char> = document.text().as_str().chars().collect();
    let at_offsets: String = text[claim.start..claim.end].iter().collect();
    assert_eq!(exact, at_offsets);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("read")).expect("json");
    assert_eq!(json["claims"][0]["exact"], at_offsets.as_str());
    assert_eq!(json["claims"][0]["created"]["by"], "Xdo Tool");
}

/// CPU time (user + system) the process `pid` spends over `over`, from /proc.
fn cpu_seconds(pid: &str, over: Duration) -> f64 {
    let ticks = || -> f64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("proc stat");
        // Fields after the command name (which is in parentheses and may hold spaces).
        let rest = stat.rsplit_once(')').expect("stat format").1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let utime: f64 = fields[11].parse().expect("utime");
        let stime: f64 = fields[12].parse().expect("stime");
        utime + stime
    };
    let before = ticks();
    std::thread::sleep(over);
    // Linux counts CPU time in clock ticks of 1/100 s.
    (ticks() - before) / 100.0
}

/// Starts the app on `file` with `home` as its home folder and waits for its window. An
/// app that cannot reach the X server at once (a fresh Xvfb under load can refuse the
/// first connections) is started again, at most twice; any other exit fails the test.
#[allow(clippy::print_stderr)] // a retry is said in the test log
fn launch(file: &Path, home: &Path) -> (App, String) {
    for attempt in 1..=3 {
        match try_launch(file, home) {
            Ok(launched) => return launched,
            Err(status) if attempt < 3 => {
                eprintln!("the app exited before its window ({status}); starting it again");
                std::thread::sleep(Duration::from_secs(1));
            }
            Err(status) => panic!("the app exited before showing a window: {status}"),
        }
    }
    unreachable!("the last attempt returns or panics")
}

fn try_launch(file: &Path, home: &Path) -> Result<(App, String), std::process::ExitStatus> {
    let mut app = App(Command::new(binary())
        .arg(file)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .spawn()
        .expect("the app starts"));
    let pid = app.0.id().to_string();
    let mut window = String::new();
    let mut exited = None;
    wait_for("the window", || {
        if let Ok(Some(status)) = app.0.try_wait() {
            exited = Some(status);
            return true;
        }
        window = Command::new("xdotool")
            .args(["search", "--pid", &pid, "--name", "factmark"])
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .unwrap_or_default();
        !window.is_empty()
    });
    if let Some(status) = exited {
        return Err(status);
    }
    std::thread::sleep(Duration::from_secs(2)); // the document loads in the background
    xdotool(&["windowraise", &window]);
    xdotool(&["windowfocus", "--sync", &window]);
    Ok((app, window))
}

/// Presses 3 on the selection and Ctrl+S; returns the saved file, which must be valid and
/// hold exactly the one new claim.
fn mark_3_and_save(saved: &Path) -> factmark::model::Document {
    xdotool(&["key", "3"]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&["key", "ctrl+s"]);
    wait_for("the saved file", || saved.exists());
    let document = format::load_file(saved)
        .into_valid()
        .expect("the saved file validates");
    assert_eq!(document.claims().len(), 1, "exactly the one new claim");
    document
}

/// The y of the article's first line in the 1280×800 window, below the title and the
/// verdict legend.
const FIRST_LINE_Y: &str = "95";

/// Drags across the first line of the article, right of the claim list.
fn drag_first_line(window: &str) {
    let y = FIRST_LINE_Y;
    xdotool(&["mousemove", "--window", window, "300", y]);
    xdotool(&["mousedown", "1"]);
    for x in ["360", "440", "520", "600"] {
        std::thread::sleep(Duration::from_millis(50));
        xdotool(&["mousemove", "--window", window, x, y]);
    }
    xdotool(&["mouseup", "1"]);
    std::thread::sleep(Duration::from_millis(300));
}

#[test]
#[ignore = "needs an X display and xdotool; .ci/run runs it under Xvfb"]
fn a_claim_marked_before_kill_9_is_restored_with_enter_and_saved() {
    let _display = display();
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under Xvfb: DISPLAY is not set"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let article = copy_of(
        &dir,
        "assets/articles/beijing-parade-2025.txt",
        "parade.txt",
    );
    let saved = dir.path().join("parade.factmark.json");
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join(".config/factmark")).expect("mkdir");
    std::fs::write(home.join(".config/factmark/reviewer"), "Kill Nine\n").expect("write");

    let (mut app, window) = launch(&article, &home);
    drag_first_line(&window);
    xdotool(&["key", "3"]);
    std::thread::sleep(Duration::from_millis(300));
    // SIGKILL: no handler runs, nothing is flushed by the app.
    app.0.kill().expect("kill -9");
    app.0.wait().expect("reaped");
    assert!(!saved.exists(), "nothing was saved before the kill");
    let journals = home.join(".local/share/factmark/journal");
    assert_eq!(
        std::fs::read_dir(&journals).map_or(0, Iterator::count),
        1,
        "the work is journaled in the data folder"
    );

    let (_app, _window) = launch(&article, &home);
    // The restore question is up: Enter restores, Ctrl+S saves.
    xdotool(&["key", "Return"]);
    std::thread::sleep(Duration::from_millis(500));
    xdotool(&["key", "ctrl+s"]);
    wait_for("the saved file", || saved.exists());
    let document = format::load_file(&saved)
        .into_valid()
        .expect("the saved file validates");
    assert_eq!(document.claims().len(), 1, "the claim made before the kill");
    let claim = &document.claims()[0];
    assert_eq!(claim.verdict, Verdict::INACCURATE);
    assert!(document.exact(claim).chars().count() > 5);
    assert_eq!(
        claim.created.as_ref().map(|s| s.by.as_str()),
        Some("Kill Nine")
    );
    wait_for("the journal to be retired", || {
        std::fs::read_dir(&journals).map_or(0, Iterator::count) == 0
    });
}

#[test]
#[ignore = "needs an X display and xdotool; .ci/run runs it under Xvfb"]
fn a_claim_added_on_disk_by_someone_else_survives_ctrl_s() {
    let _display = display();
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under Xvfb: DISPLAY is not set"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let file = copy_of(
        &dir,
        "annotations/beijing-parade-2025.factmark.json",
        "parade.factmark.json",
    );
    let before = format::load_file(&file)
        .into_valid()
        .expect("valid")
        .claims()
        .len();
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join(".config/factmark")).expect("mkdir");
    std::fs::write(home.join(".config/factmark/reviewer"), "Mine\n").expect("write");
    let (_app, window) = launch(&file, &home);

    // Someone else adds a claim to the file while it is open.
    let mut theirs = format::load_file(&file).into_valid().expect("valid");
    let stamp = factmark::model::Stamp::new("Theirs", chrono::Utc::now());
    let claim = factmark::model::Claim::new(1, 9, Verdict::VERIFIED, stamp);
    let their_id = claim.id.clone();
    theirs.insert_claim(claim).expect("added");
    format::save(&theirs, &file).expect("saved");

    drag_first_line(&window);
    xdotool(&["key", "3"]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&["key", "ctrl+s"]);
    std::thread::sleep(Duration::from_secs(2));
    let on_disk = format::load_file(&file).into_valid().expect("valid");
    assert!(
        on_disk.claim(&their_id).is_some(),
        "their claim is still in the file"
    );
    assert_eq!(
        on_disk.claims().len(),
        before + 1,
        "and mine was not written over it"
    );
}

#[test]
#[ignore = "needs an X display and xdotool; .ci/run runs it under Xvfb"]
fn a_changed_article_is_reviewed_after_the_name_prompt_and_enter_applies_the_update() {
    let _display = display();
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under Xvfb: DISPLAY is not set"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    // report.factmark.json made on version 1; report.txt is version 2 now.
    let (article, [kept, edited, moved, gone]) = super::reanchor::setup(dir.path());
    let saved = dir.path().join("report.factmark.json");
    // A new user: the name prompt comes first, the review after it.
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    let (_app, _window) = launch(&article, &home);
    xdotool(&["type", "--delay", "40", "New Reviewer"]);
    std::thread::sleep(Duration::from_millis(200));
    xdotool(&["key", "Return"]);
    std::thread::sleep(Duration::from_millis(800));
    // Enter: Apply update (exact and moved accepted, the fuzzy one kept as an orphan).
    xdotool(&["key", "Return"]);
    std::thread::sleep(Duration::from_millis(500));
    xdotool(&["key", "ctrl+s"]);
    let v2 = super::reanchor::v2();
    wait_for("the updated file", || {
        format::load_file(&saved)
            .into_valid()
            .is_ok_and(|d| d.text().as_str() == v2)
    });
    let document = format::load_file(&saved).into_valid().expect("valid");
    assert!(document.claim(&kept).is_some());
    assert_eq!(
        document.claim(&moved).map(|c| document.exact(c)),
        Some("voted against the proposal")
    );
    assert!(
        document.orphan(&edited).is_some(),
        "fuzzy waits to be accepted"
    );
    assert!(document.orphan(&gone).is_some());
}

#[test]
#[ignore = "needs an X display and xdotool; .ci/run runs it under Xvfb"]
fn a_double_click_on_the_right_most_arabic_word_saves_the_first_word() {
    let _display = display();
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under Xvfb: DISPLAY is not set"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("arabic.txt");
    let text = "الاقتصاد يثير الجدل في الأسواق، يقول الخبراء إن النمو سيتباطأ هذا العام.\n";
    std::fs::write(&article, text).expect("write");
    let saved = dir.path().join("arabic.factmark.json");
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join(".config/factmark")).expect("mkdir");
    std::fs::write(home.join(".config/factmark/reviewer"), "Amal\n").expect("write");

    let (_app, window) = launch(&article, &home);
    // A right-to-left paragraph is right-aligned: its right-most word, at the right edge
    // of the text column (which ends left of the inspector, at x ≈ 960), is drawn first.
    xdotool(&["mousemove", "--window", &window, "935", FIRST_LINE_Y]);
    xdotool(&["click", "--repeat", "2", "--delay", "80", "1"]);
    std::thread::sleep(Duration::from_millis(300));
    let document = mark_3_and_save(&saved);
    let claims = document.claims();
    // The paragraph's first word in logical order, the one drawn right-most.
    assert_eq!(document.exact(&claims[0]), "الاقتصاد");
    assert_eq!((claims[0].start, claims[0].end), (0, 8));
    assert_eq!(claims[0].verdict, Verdict::INACCURATE);
}

#[test]
#[ignore = "needs an X display and xdotool; .ci/run runs it under Xvfb"]
fn a_new_user_opens_a_saved_page_edits_its_author_and_saves_it() {
    let _display = display();
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under Xvfb: DISPLAY is not set"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let page = copy_of(&dir, "tests/data/bus-page.html", "bus.html");
    let saved = dir.path().join("bus.factmark.json");
    // A fresh home: nothing written beforehand, so the name is asked first.
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");

    let (_app, window) = launch(&page, &home);
    xdotool(&["type", "--delay", "30", "Ana Ruiz"]);
    xdotool(&["key", "Return"]);
    std::thread::sleep(Duration::from_millis(500));
    // Article ▸ Properties…: the title field has the keyboard; Tab twice to the author.
    xdotool(&["mousemove", "--window", &window, "93", "12"]);
    xdotool(&["click", "1"]);
    std::thread::sleep(Duration::from_millis(400));
    xdotool(&["mousemove", "--window", &window, "117", "38"]);
    xdotool(&["click", "1"]);
    std::thread::sleep(Duration::from_millis(400));
    for key in ["Tab", "Tab", "ctrl+a"] {
        xdotool(&["key", key]);
        std::thread::sleep(Duration::from_millis(200));
    }
    xdotool(&["type", "--delay", "30", "Jane Q. Doe"]);
    xdotool(&["key", "Return"]);
    std::thread::sleep(Duration::from_millis(400));
    xdotool(&["key", "ctrl+s"]);
    wait_for("the saved file", || saved.exists());

    let document = format::load_file(&saved)
        .into_valid()
        .expect("the saved file validates");
    let article = &document.article;
    assert_eq!(article.meta.author, "Jane Q. Doe", "typed in a real window");
    assert_eq!(article.meta.publisher, "Metro Daily", "read from the page");
    assert_eq!(article.meta.canonical_url, "https://metrodaily.example/bus");
    assert_eq!(article.title, "Bus budget cut");
    assert!(document.text().as_str().starts_with("Paragraph 0:"));
    assert!(!document.text().as_str().contains("Other headline"));
    assert_eq!(
        std::fs::read_to_string(home.join(".config/factmark/reviewer")).expect("remembered"),
        "Ana Ruiz\n"
    );
}
