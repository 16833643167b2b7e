//! The answer table: every section's answers to one questionnaire as numbers, item by item,
//! worked out once so that dimension scores, item statistics, reliability, classification, notes
//! and every group of the breakdown read the same cells.

use super::*;

use rayon::prelude::*;

/// Every section's answers as numbers, item by item, worked out once per questionnaire so that
/// dimension scores, item statistics, reliability, classification and every group of the breakdown
/// read the same table (a group is a subset of its rows, not a table of its own). Cells are stored
/// column by column, one column per item, so that the per-item and per-dimension passes read
/// memory in order: cell (s, i) is at `i * stride + s`.
pub(super) struct AnswerTable<'a> {
    pub(super) questionnaire: &'a Questionnaire,
    pub(super) sections: &'a [&'a Section],
    /// The length of a column: the number of sections rounded up to a multiple of 64.
    pub(super) stride: usize,
    /// Where section s's answer to item i sits among the section's answers ([`NO_ANSWER`] when
    /// absent), whether or not the item was shown: 4 bytes a cell instead of an 8-byte reference.
    pub(super) answers: Vec<u32>,
    /// The numeric answer, when the item was shown and the answer fits it (before reverse-coding).
    /// What it contributes to its dimension is worked out on reading (see [`AnswerTable::scored`])
    /// rather than stored: a second column of 8 bytes a cell costs more than the subtraction.
    pub(super) raw: Vec<MaybeValue>,
    /// Whether item i was asked of section s (show-if conditions met).
    pub(super) shown: BitSet,
    /// Whether section s chose "prefer not to answer" for item i.
    pub(super) declined: BitSet,
    /// Each item's value range, `None` when it has none (then it scores nothing).
    pub(super) ranges: Vec<Option<(f64, f64)>>,
    /// Per questionnaire dimension, the indices of its scored items.
    pub(super) dimension_items: Vec<Vec<usize>>,
    /// `dimension_values[d][s]`: section s's score on dimension d (8 bytes, see [`MaybeValue`]).
    pub(super) dimension_values: Vec<Vec<MaybeValue>>,
    /// Answers to items the questionnaire no longer has: (section, item id).
    pub(super) orphans: Vec<(usize, &'a str)>,
    /// Answers that do not fit their item: (section, item, why).
    pub(super) mismatches: Vec<(usize, usize, String)>,
    /// Whether section s was entered from a tally (no per-person pairing of its answers).
    pub(super) tallied: Vec<bool>,
}

/// [`AnswerTable::answers`] for a cell without an answer.
pub(super) const NO_ANSWER: u32 = u32::MAX;

/// One bit per cell: the table's yes/no columns take an eighth of a `Vec<bool>`.
pub(super) struct BitSet(Vec<u64>);

impl BitSet {
    pub(super) fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }

    pub(super) fn get(&self, index: usize) -> bool {
        self.0[index / 64] & (1 << (index % 64)) != 0
    }
}

/// An `Option<f64>` in 8 bytes instead of 16: the answer table holds two per (section, item), and
/// for 100,000 respondents that difference is tens of megabytes. "None" is one NaN bit pattern
/// that no arithmetic produces, so every other value, NaN included, round-trips unchanged.
#[derive(Clone, Copy)]
pub(super) struct MaybeValue(u64);

impl MaybeValue {
    const NONE: Self = Self(0x7ff8_4e6f_6e65_0000);

    pub(super) fn new(value: Option<f64>) -> Self {
        value.map_or(Self::NONE, |value| Self(value.to_bits()))
    }

    pub(super) fn get(self) -> Option<f64> {
        (self.0 != Self::NONE.0).then(|| f64::from_bits(self.0))
    }
}

impl<'a> AnswerTable<'a> {
    pub(super) fn new(questionnaire: &'a Questionnaire, sections: &'a [&'a Section]) -> Self {
        let items = &questionnaire.items;
        let width = items.len();
        let index: HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id.as_str(), i))
            .collect();
        let sources: Vec<Option<usize>> = items
            .iter()
            .map(|item| {
                let show_if = item.show_if.as_ref()?;
                Some(
                    index
                        .get(show_if.item.as_str())
                        .copied()
                        .unwrap_or(usize::MAX),
                )
            })
            .collect();
        let ranges: Vec<Option<(f64, f64)>> =
            items.iter().map(|item| item.kind.value_range()).collect();
        // Item indices in id order: answers are stored sorted by id, so one merge pass pairs
        // every answer with its item without a lookup per item.
        let mut by_id: Vec<usize> = (0..width).collect();
        by_id.sort_by(|&a, &b| items[a].id.cmp(&items[b].id));

        let n = sections.len();
        // Each column starts on a whole word of the bit sets, so a block of 64-row multiples is
        // a run of whole words in every column and blocks of rows can be filled in parallel.
        let stride = n.next_multiple_of(64);
        let cells = stride * width;
        let mut answers: Vec<u32> = vec![NO_ANSWER; cells];
        let mut raw = vec![MaybeValue::NONE; cells];
        let mut shown = BitSet::new(cells);
        let mut declined = BitSet::new(cells);
        let block = n
            .div_ceil(rayon::current_num_threads() * 4)
            .next_multiple_of(64)
            .max(64);
        let columns = Columns {
            answers: blocks_of(&mut answers, stride, block),
            raw: blocks_of(&mut raw, stride, block),
            shown: blocks_of(&mut shown.0, stride / 64, block / 64),
            declined: blocks_of(&mut declined.0, stride / 64, block / 64),
        };
        let context = FillContext {
            questionnaire,
            sources: &sources,
            by_id: &by_id,
        };
        // Blocks in row order, so orphans and mismatches keep the order of the sections.
        let found: Vec<Found<'a>> = columns
            .into_blocks(n.div_ceil(block))
            .into_par_iter()
            .zip(sections.par_chunks(block))
            .enumerate()
            .map(|(b, (mut columns, rows))| context.fill(b * block, rows, &mut columns))
            .collect();
        let mut orphans = Vec::new();
        let mut mismatches = Vec::new();
        for (block_orphans, block_mismatches) in found {
            orphans.extend(block_orphans);
            mismatches.extend(block_mismatches);
        }
        let dimension_items: Vec<Vec<usize>> = questionnaire
            .dimensions
            .iter()
            .map(|dimension| {
                (0..width)
                    .filter(|&i| {
                        items[i].dimension.as_deref() == Some(dimension.id.as_str())
                            && ranges[i].is_some()
                    })
                    .collect()
            })
            .collect();
        let mut table = Self {
            questionnaire,
            sections,
            stride,
            answers,
            raw,
            shown,
            declined,
            ranges,
            dimension_items,
            dimension_values: Vec::new(),
            orphans,
            mismatches,
            tallied: vec![false; n],
        };
        table.dimension_values = (0..questionnaire.dimensions.len())
            .map(|d| {
                (0..sections.len())
                    .into_par_iter()
                    .map(|s| MaybeValue::new(table.dimension_value(s, d)))
                    .collect()
            })
            .collect();
        table
    }

    pub(super) fn cell(&self, s: usize, i: usize) -> usize {
        i * self.stride + s
    }

    /// Section s's answer to item i, whether or not the item was shown.
    pub(super) fn answer(&self, s: usize, i: usize) -> Option<&'a Answer> {
        let position = self.answers[self.cell(s, i)];
        let sections: &'a [&'a Section] = self.sections;
        sections[s].answers.value_at(position as usize)
    }

    /// What section s's answer to item i contributes to its dimension: the raw value,
    /// reverse-coded as (min + max) − x; `None` when unanswered, not shown or without a range.
    pub(super) fn scored(&self, s: usize, i: usize) -> Option<f64> {
        let value = self.raw[self.cell(s, i)].get()?;
        let (min, max) = self.ranges[i]?;
        Some(if self.questionnaire.items[i].reverse {
            min + max - value
        } else {
            value
        })
    }

    /// The weighted mean of the answered items among those shown, or `None` when fewer than half
    /// of the shown items were answered.
    pub(super) fn dimension_value(&self, s: usize, d: usize) -> Option<f64> {
        let mut shown = 0usize;
        let mut answered = 0usize;
        let mut weighted_sum = 0.0;
        let mut weight_total = 0.0;
        for &i in &self.dimension_items[d] {
            if !self.shown.get(self.cell(s, i)) {
                continue;
            }
            shown += 1;
            if let Some(value) = self.scored(s, i) {
                let weight = self.questionnaire.items[i].weight;
                answered += 1;
                weighted_sum += weight * value;
                weight_total += weight;
            }
        }
        if shown == 0 || answered * 2 < shown || weight_total <= 0.0 {
            return None;
        }
        Some(weighted_sum / weight_total)
    }

    pub(super) fn dimension_index(&self, id: &str) -> Option<usize> {
        self.questionnaire
            .dimensions
            .iter()
            .position(|d| d.id == id)
    }
}

/// One block of rows of every column of the table under construction: `answers[i]` is the block's
/// slice of item i's column, and so on (the bit sets by whole words).
struct Block<'t> {
    answers: Vec<&'t mut [u32]>,
    raw: Vec<&'t mut [MaybeValue]>,
    shown: Vec<&'t mut [u64]>,
    declined: Vec<&'t mut [u64]>,
}

/// Every column cut into blocks: `answers[i][b]` is block b of item i's column.
struct Columns<'t> {
    answers: Vec<Vec<&'t mut [u32]>>,
    raw: Vec<Vec<&'t mut [MaybeValue]>>,
    shown: Vec<Vec<&'t mut [u64]>>,
    declined: Vec<Vec<&'t mut [u64]>>,
}

/// `cells` cut into columns of `stride`, each cut into blocks of `block`.
fn blocks_of<T>(cells: &mut [T], stride: usize, block: usize) -> Vec<Vec<&mut [T]>> {
    if stride == 0 {
        return Vec::new();
    }
    cells
        .chunks_mut(stride)
        .map(|column| column.chunks_mut(block).collect())
        .collect()
}

/// Regroups column-major pieces (`columns[i][b]`) as `count` lists, one per block (`[b][i]`);
/// with no columns (a questionnaire without items) every block is still there, empty.
fn transpose<T>(columns: Vec<Vec<T>>, count: usize) -> Vec<Vec<T>> {
    let mut blocks: Vec<Vec<T>> = (0..count).map(|_| Vec::new()).collect();
    for column in columns {
        for (b, piece) in column.into_iter().enumerate() {
            blocks[b].push(piece);
        }
    }
    blocks
}

impl<'t> Columns<'t> {
    fn into_blocks(self, count: usize) -> Vec<Block<'t>> {
        transpose(self.answers, count)
            .into_iter()
            .zip(transpose(self.raw, count))
            .zip(transpose(self.shown, count))
            .zip(transpose(self.declined, count))
            .map(|(((answers, raw), shown), declined)| Block {
                answers,
                raw,
                shown,
                declined,
            })
            .collect()
    }
}

/// A block's orphans and mismatches (see [`AnswerTable::orphans`], [`AnswerTable::mismatches`]).
type Found<'a> = (Vec<(usize, &'a str)>, Vec<(usize, usize, String)>);

/// What filling any block of the table needs.
struct FillContext<'q> {
    questionnaire: &'q Questionnaire,
    /// Per item, the index of the item its show-if condition reads (`usize::MAX` when unknown).
    sources: &'q [Option<usize>],
    /// Item indices in id order.
    by_id: &'q [usize],
}

fn bit(words: &[u64], row: usize) -> bool {
    words[row / 64] & (1 << (row % 64)) != 0
}

fn set_bit(words: &mut [u64], row: usize) {
    words[row / 64] |= 1 << (row % 64);
}

impl FillContext<'_> {
    /// Fills one block of rows (sections `first..first + rows.len()`), returning its orphans and
    /// mismatches with their section numbers.
    fn fill<'a>(&self, first: usize, rows: &[&'a Section], block: &mut Block) -> Found<'a> {
        let questionnaire = self.questionnaire;
        let items = &questionnaire.items;
        let by_id = self.by_id;
        let mut orphans = Vec::new();
        let mut mismatches = Vec::new();
        for (row, section) in rows.iter().enumerate() {
            let s = first + row;
            let mut next = 0;
            let answer_at = |position: u32| section.answers.value_at(position as usize);
            for (position, id) in section.answers.keys().enumerate() {
                let mut matched = false;
                while let Some(&i) = by_id.get(next) {
                    match items[i].id.as_str().cmp(id.as_str()) {
                        Ordering::Less => next += 1,
                        Ordering::Equal => {
                            block.answers[i][row] =
                                u32::try_from(position).expect("fewer than 2^32 answers");
                            next += 1;
                            matched = true;
                            break;
                        }
                        Ordering::Greater => break,
                    }
                }
                if !matched {
                    orphans.push((s, id.as_str()));
                }
            }
            for (i, item) in items.iter().enumerate() {
                let is_shown = match (self.sources[i], &item.show_if) {
                    (None, _) | (_, None) => true,
                    // Conditions look back (the validator insists); anything else takes the slow,
                    // general path rather than a wrong answer.
                    (Some(source), Some(show_if)) if source < i => {
                        bit(block.shown[source], row)
                            && condition_holds(
                                &show_if.when,
                                &items[source].kind,
                                answer_at(block.answers[source][row]),
                            )
                    }
                    (Some(_), Some(_)) => section.is_shown(questionnaire, item),
                };
                if is_shown {
                    set_bit(block.shown[i], row);
                }
                let Some(answer) = answer_at(block.answers[i][row]) else {
                    continue;
                };
                if matches!(answer, Answer::Declined) {
                    set_bit(block.declined[i], row);
                }
                let value = item.kind.numeric_value(answer);
                // A fitting numeric answer needs no further check; anything else might not fit.
                if value.is_none()
                    && let Some(why) = item.kind.mismatch(answer)
                {
                    mismatches.push((s, i, why));
                }
                if is_shown && let Some(value) = value {
                    block.raw[i][row] = MaybeValue::new(Some(value));
                }
            }
        }
        (orphans, mismatches)
    }
}
