//! Article ▸ Update text from file…, and opening an article whose annotations were made on
//! an earlier text: the new text is compared in the background, the reviewer reviews how
//! the claims carry over, and the update is applied as one undoable step.

use eframe::egui;

use super::review::{Decided, Review};
use super::{App, Message, Modal};
use crate::edit::Edit;
use crate::gui::jobs::NewText;
use crate::ops::reanchor::Plan;

impl App {
    /// Article ▸ Update text from file… with `path` chosen: compare it, then review.
    pub fn update_text_from(&mut self, path: std::path::PathBuf) {
        if let Some(ctx) = self.runtime.jobs.context() {
            self.plan_update(&ctx, NewText::File(path));
        }
    }

    /// Starts comparing `new` with the shown document, in the background.
    pub(super) fn plan_update(&mut self, ctx: &egui::Context, new: NewText) {
        let Some(session) = self.session() else {
            return;
        };
        let (document, revision) = (session.snapshot(), session.revision());
        self.runtime.jobs.plan(ctx, new, document, revision);
        self.message = Some(Message::info(
            "Comparing the new text with the annotations…",
        ));
    }

    /// The comparison is done: the review opens (after any question already open).
    pub(super) fn show_plan(&mut self, revision: u64, result: Result<Box<Plan>, String>) {
        let plan = match result {
            Ok(plan) => plan,
            Err(message) => {
                self.message = Some(Message::error(format!("Cannot update the text: {message}")));
                return;
            }
        };
        let Some(session) = self.session() else {
            return;
        };
        if session.revision() != revision {
            self.message = Some(Message::error(
                "The annotations changed while the new text was compared: choose Article ▸ \
                 Update text from file… again",
            ));
            return;
        }
        let review = Review::new(*plan, session.document(), revision);
        self.message = Some(Message::info(format!(
            "Review how the claims carry over to the new text: {}",
            review.summary()
        )));
        self.runtime.review = Some(Box::new(review));
        self.show_review_when_free();
    }

    /// The review waits for any question already asked (a restore of unsaved work).
    pub(super) fn show_review_when_free(&mut self) {
        if self.modal.is_none()
            && let Some(review) = self.runtime.review.take()
        {
            self.modal = Some(Modal::Reanchor(review));
        }
    }

    /// The reviewer's decisions: the new text, with every claim placed or kept as an
    /// orphan, as one change. The claims to re-attach wait in the orphan list.
    pub(super) fn apply_update(&mut self, decided: Decided) {
        let stamp = self.stamp();
        let Some(session) = self.session_mut() else {
            return;
        };
        if session.revision() != decided.revision {
            self.message = Some(Message::error(
                "The annotations changed during the review: nothing was updated",
            ));
            return;
        }
        let change = decided.plan.change(session.document(), &decided.decisions);
        if let Err(e) = session.apply(Edit::new(change, stamp)) {
            self.message = Some(Message::error(format!("Update text: {e}")));
            return;
        }
        session.select(None);
        session.views.orphan = decided.reattach.first().cloned();
        session.views.reattach = decided.reattach;
        let orphans = session.document().orphans().len();
        let waiting = session.views.reattach.len();
        let next = if waiting > 0 {
            format!(
                " {waiting} to re-attach: select each one's words, then Attach in the orphan list."
            )
        } else if orphans > 0 {
            format!(" {orphans} orphans are listed on the left.")
        } else {
            String::new()
        };
        let text = format!(
            "Text updated ({}). Undo takes the update back.{next}",
            decided.plan.summary()
        );
        self.message = Some(Message::info(text));
    }
}
