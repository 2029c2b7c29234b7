//! The app in a real X window, driven by real input events (xdotool). Ignored by default:
//! it needs an X display and xdotool. `.ci/run` runs it under Xvfb against the release build
//! (`FACTMARK_BIN`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use factmark::format;
use factmark::model::Verdict;

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
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under Xvfb: DISPLAY is not set"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("parade.txt");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        repo.join("assets/articles/beijing-parade-2025.txt"),
        &article,
    )
    .expect("copy");
    let saved = dir.path().join("parade.factmark.json");

    // A fresh home folder: no settings written beforehand, so the app asks who is
    // reviewing, as it does for a new user.
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    let app = App(Command::new(binary())
        .arg(&article)
        .env("HOME", &home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_DATA_HOME")
        .spawn()
        .expect("the app starts"));
    let pid = app.0.id().to_string();
    let mut app = app;
    let mut window = String::new();
    wait_for("the window", || {
        if let Ok(Some(status)) = app.0.try_wait() {
            panic!("the app exited before showing a window: {status}");
        }
        let found = Command::new("xdotool")
            .args(["search", "--pid", &pid, "--name", "factmark"])
            .output();
        window = found
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
    std::thread::sleep(Duration::from_secs(2)); // the article loads in the background
    xdotool(&["windowraise", &window]);
    xdotool(&["windowfocus", "--sync", &window]);

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
    let y = "45";
    xdotool(&["mousemove", "--window", &window, "300", y]);
    xdotool(&["mousedown", "1"]);
    for x in ["360", "440", "520", "600"] {
        std::thread::sleep(Duration::from_millis(50));
        xdotool(&["mousemove", "--window", &window, x, y]);
    }
    xdotool(&["mouseup", "1"]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&["key", "3"]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&["key", "ctrl+s"]);

    wait_for("the saved file", || saved.exists());
    let document = format::load_file(&saved)
        .into_valid()
        .expect("the saved file validates");
    let claims = document.claims();
    assert_eq!(claims.len(), 1, "exactly the one new claim");
    let claim = &claims[0];
    assert_eq!(claim.verdict, Verdict::Inaccurate);
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
