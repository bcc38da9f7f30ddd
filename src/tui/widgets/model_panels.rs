//! The model's four panels (back office, event log, catalogs, commands) laid out together, for
//! the tour, the presenter and the sandbox alike. Room goes first to what the step changed
//! (its commands' answers, the events it appended, the drawer it touched), then to the rest
//! in turns; a panel the step left alone may shrink to its title. Wide areas get a grid: the
//! write side (office, log) beside the read side (catalogs, commands), each column as wide as
//! its text wants when there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::theme::Theme;

use super::catalogs::CatalogsPanel;
use super::last_command::CommandsPanel;
use super::log::LogPanel;
use super::office::OfficePanel;
use super::text::{PanelText, Scroll, Stacked, render_stacked};

/// The panels that show the model. The one list every screen names them by: focus, scroll
/// positions, the presenter's zoom and mouse hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelPanel {
    Commands,
    Office,
    Log,
    Catalogs,
}

impl ModelPanel {
    pub const ALL: [ModelPanel; 4] = [
        ModelPanel::Commands,
        ModelPanel::Office,
        ModelPanel::Log,
        ModelPanel::Catalogs,
    ];

    /// Where the panel's scroll position is kept in a `[Scroll; 4]`.
    pub fn index(self) -> usize {
        ModelPanel::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// From this width on, the panels stand in two columns (each wide enough for a log line).
pub const GRID_WIDTH: u16 = 96;

/// The narrowest a column of the grid gets.
const MIN_COLUMN: u16 = 36;

/// Where each panel was drawn, for the mouse.
pub type Placed = Vec<(ModelPanel, Rect)>;

pub struct ModelPanels<'a> {
    pub office: OfficePanel<'a>,
    pub log: LogPanel<'a>,
    pub catalogs: CatalogsPanel<'a>,
    /// `None` when the screen shows the commands elsewhere (the sandbox, above its prompt).
    pub commands: Option<CommandsPanel<'a>>,
    pub theme: &'a Theme,
    /// The panel in focus: it gets its whole text when there is room, before the others.
    pub focus: Option<ModelPanel>,
    /// Presenting: this panel takes the area, with the commands' answers kept under it.
    pub zoom: Option<ModelPanel>,
}

impl ModelPanels<'_> {
    /// Draws the panels in `area`, each scrolled by its entry of `scroll`; returns where
    /// each went.
    pub fn render(&self, area: Rect, buf: &mut Buffer, scroll: &mut [Scroll; 4]) -> Placed {
        let mut placed = Vec::new();
        for (column, panels) in self.columns(area) {
            let width = column.width.saturating_sub(2) as usize;
            let (texts, rows) = self.fitted_column(&panels, width, column.height);
            let areas = Layout::vertical(rows.iter().map(|r| Constraint::Length(*r))).split(column);
            let last = panels.len().saturating_sub(1);
            for (i, ((panel, text), rect)) in panels.iter().zip(texts).zip(areas.iter()).enumerate()
            {
                let stacked = Stacked {
                    open_bottom: i < last,
                    joined_top: i > 0 && rows[i - 1] > 1 && rows[i] > 1,
                };
                let focused = self.focus == Some(*panel);
                let scroll = &mut scroll[panel.index()];
                render_stacked(text, focused, *rect, buf, scroll, self.theme, stacked);
                placed.push((*panel, *rect));
            }
        }
        placed
    }

    /// The texts of a column's panels and the rows each gets: the commands whole when every
    /// panel's point then fits, else brief (a lookup's cards left to the catalogs panel, an
    /// accepted command's event to the log).
    fn fitted_column(
        &self,
        panels: &[ModelPanel],
        width: usize,
        height: u16,
    ) -> (Vec<PanelText>, Vec<u16>) {
        let texts: Vec<PanelText> = panels.iter().map(|p| self.text(*p, width)).collect();
        let rows = self.rows(height, panels, &texts);
        let all_fit = texts.iter().zip(&rows).all(|(t, r)| *r >= t.need());
        let Some(i) = panels.iter().position(|p| *p == ModelPanel::Commands) else {
            return (texts, rows);
        };
        if all_fit {
            return (texts, rows);
        }
        let mut texts = texts;
        texts[i] = self.essential(ModelPanel::Commands, width);
        let rows = self.rows(height, panels, &texts);
        (texts, rows)
    }

    /// The least of `panel`'s text whose point must stay in view: the commands brief, the
    /// others whole.
    pub fn essential(&self, panel: ModelPanel, width: usize) -> PanelText {
        match (panel, &self.commands) {
            (ModelPanel::Commands, Some(c)) => c.brief(width),
            _ => self.text(panel, width),
        }
    }

    /// What `panel` shows at `width` (inside its borders).
    pub fn text(&self, panel: ModelPanel, width: usize) -> PanelText {
        match (panel, &self.commands) {
            (ModelPanel::Office, _) => self.office.text(width),
            (ModelPanel::Log, _) => self.log.text(width),
            (ModelPanel::Commands, Some(commands)) => commands.text(width),
            _ => self.catalogs.text(width),
        }
    }

    /// The columns and the panels stacked in each, top to bottom.
    fn columns(&self, area: Rect) -> Vec<(Rect, Vec<ModelPanel>)> {
        use ModelPanel::{Catalogs, Commands, Log, Office};
        let has_commands = self.commands.is_some();
        if let Some(zoom) = self.zoom {
            let mut panels = vec![zoom];
            if zoom != Commands && has_commands {
                panels.push(Commands);
            }
            return vec![(area, panels)];
        }
        let mut read = vec![Catalogs];
        if has_commands {
            read.push(Commands);
        }
        if area.width < GRID_WIDTH {
            let mut all = vec![Office, Log];
            all.extend(read);
            return vec![(area, all)];
        }
        let write = vec![Office, Log];
        let widest = |panels: &[ModelPanel]| {
            panels
                .iter()
                .map(|p| self.text(*p, usize::from(area.width)).natural_width())
                .max()
                .unwrap_or(MIN_COLUMN)
        };
        let left = column_width(area.width, widest(&write), widest(&read));
        let [l, r] =
            Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(area);
        vec![(l, write), (r, read)]
    }

    /// Rows for each panel of a column: what the step changed first, in order of interest.
    fn rows(&self, height: u16, panels: &[ModelPanel], texts: &[PanelText]) -> Vec<u16> {
        // Every panel but the last is closed by the one under it: one row of border, not two.
        let last = panels.len().saturating_sub(1);
        let demands: Vec<Demand> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let saved = u16::from(i < last);
                Demand {
                    need: t.need().saturating_sub(saved),
                    want: t.want() - saved,
                    least: 3 - saved,
                }
            })
            .collect();
        let rank = |p: &ModelPanel| {
            let interest = [
                ModelPanel::Log,
                ModelPanel::Commands,
                ModelPanel::Catalogs,
                ModelPanel::Office,
            ];
            let base = interest.iter().position(|q| q == p).unwrap_or(4);
            if self.focus == Some(*p) { 0 } else { base + 1 }
        };
        let mut order: Vec<usize> = (0..panels.len()).collect();
        order.sort_by_key(|i| rank(&panels[*i]));
        let filler = self
            .focus
            .or(self.zoom)
            .and_then(|f| panels.iter().position(|p| *p == f))
            .or_else(|| panels.iter().position(|p| *p == ModelPanel::Catalogs))
            .or_else(|| panels.iter().position(|p| *p == ModelPanel::Log))
            .unwrap_or(0);
        let whole = self
            .focus
            .or(self.zoom)
            .and_then(|f| panels.iter().position(|p| *p == f));
        share(height, &demands, &order, whole, filler)
    }
}

/// The left column's width in a grid `total` wide whose two columns would like `left` and
/// `right`: each gets what it wants when both fit (the spare split in proportion), else a
/// share in proportion; never under `MIN_COLUMN` while the other can give.
fn column_width(total: u16, left: u16, right: u16) -> u16 {
    let (total32, left32, right32) = (u32::from(total), u32::from(left), u32::from(right));
    let want = (left32 + right32).max(1);
    let width = if want <= total32 {
        left32 + (total32 - want) * left32 / want
    } else {
        total32 * left32 / want
    };
    let most = total.saturating_sub(MIN_COLUMN);
    u16::try_from(width)
        .unwrap_or(total)
        .clamp(MIN_COLUMN.min(most), most.max(1))
}

/// Lines of context a changed panel gets around its change before the panel in focus gets
/// the rest.
const CONTEXT: u16 = 2;

/// What a panel asks of a column's rows, borders included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Demand {
    /// Rows that show what the step changed here (0: nothing; the panel may shrink to its
    /// title).
    pub need: u16,
    /// Rows that show all of its text.
    pub want: u16,
    /// The fewest rows of a box showing one line (3, or 2 with its bottom rule shared).
    pub least: u16,
}

/// Divides `total` rows among panels: each starts as its title line; then, in `order`, each
/// gets what it needs, then a little context; then the panel in focus (`whole`) all it wants; then the rest goes
/// round in turns, a row at a time, to the panels that want more; what is left after every
/// text fits goes to `filler`, so the column is filled with boxes. A panel never gets two
/// rows: a box with no line in it.
pub fn share(
    total: u16,
    demands: &[Demand],
    order: &[usize],
    whole: Option<usize>,
    filler: usize,
) -> Vec<u16> {
    let mut rows = vec![1u16; demands.len()];
    let mut left = total.saturating_sub(rows.len() as u16);
    let mut grow = |rows: &mut Vec<u16>, i: usize, to: u16| {
        let add = to.saturating_sub(rows[i]).min(left);
        if rows[i] + add >= demands[i].least {
            rows[i] += add;
            left -= add;
        }
    };
    // A long change does not starve a short one: first each gets up to half the column.
    for &i in order {
        grow(&mut rows, i, demands[i].need.min(total / 2));
    }
    for &i in order {
        grow(&mut rows, i, demands[i].need);
    }
    // A line or two of what came before, so a change is read in its context.
    for &i in order {
        if demands[i].need > 0 {
            grow(&mut rows, i, demands[i].want.min(demands[i].need + CONTEXT));
        }
    }
    if let Some(i) = whole {
        grow(&mut rows, i, demands[i].want);
    }
    loop {
        let mut grew = false;
        for &i in order {
            let step = if rows[i] == 1 {
                demands[i].least - 1
            } else {
                1
            };
            if rows[i] < demands[i].want && left >= step {
                rows[i] += step;
                left -= step;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    // A title-only filler given one row would become an empty box: another panel takes it.
    let filler = if rows.get(filler) == Some(&1) && left == 1 {
        (0..rows.len())
            .find(|i| rows[*i] >= demands[*i].least)
            .unwrap_or(filler)
    } else {
        filler
    };
    if let Some(r) = rows.get_mut(filler) {
        *r += left;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(need: u16, want: u16) -> Demand {
        Demand {
            need,
            want,
            least: 3,
        }
    }

    #[test]
    fn what_the_step_changed_is_served_before_the_rest() {
        // 12 rows: the commands (need 6) and the log (need 4) first, the office shrinks.
        let rows = share(12, &[d(0, 8), d(4, 10), d(6, 6)], &[2, 1, 0], None, 0);
        assert_eq!(rows, vec![1, 5, 6], "the log gets the last row in turn");
    }

    #[test]
    fn spare_rows_go_round_then_to_the_filler() {
        let rows = share(20, &[d(0, 4), d(0, 5), d(3, 3)], &[2, 0, 1], None, 1);
        assert_eq!(rows, vec![4, 13, 3]);
        assert_eq!(rows.iter().sum::<u16>(), 20, "no rows left unboxed");
    }

    #[test]
    fn the_panel_in_focus_gets_its_whole_text_after_every_point() {
        let rows = share(16, &[d(0, 20), d(5, 9)], &[1, 0], Some(0), 0);
        assert_eq!(rows, vec![9, 7], "the commands' answer whole, with context");
    }

    #[test]
    fn a_panel_is_never_two_rows_tall() {
        let rows = share(5, &[d(3, 3), d(0, 9)], &[0, 1], None, 0);
        assert_eq!(rows, vec![4, 1], "the spare row cannot make a 2-row box");
        assert!(
            share(4, &[d(0, 9), d(0, 9)], &[0, 1], None, 1)
                .iter()
                .all(|r| *r != 2)
        );
    }

    #[test]
    fn a_box_closed_by_the_one_under_it_shows_a_line_in_two_rows() {
        let open = Demand {
            need: 2,
            want: 2,
            least: 2,
        };
        let rows = share(5, &[open, d(3, 3)], &[0, 1], None, 1);
        assert_eq!(
            rows,
            vec![2, 3],
            "its title rule and one line; no bottom rule"
        );
    }

    #[test]
    fn a_grid_column_gets_the_width_its_text_wants() {
        assert_eq!(column_width(100, 40, 40), 50, "the spare split evenly");
        assert_eq!(column_width(100, 60, 20), 64, "but leaves the other 36");
        assert_eq!(
            column_width(80, 100, 20),
            44,
            "never leaves the other under 36"
        );
        assert_eq!(column_width(80, 10, 100), 36, "nor itself");
    }
}
