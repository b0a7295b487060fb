"""Every sentence, label and unit quizcli shows, in English and Chinese: the one catalogue.

Keys are message ids (`area.name`); each entry is (English, Chinese) with the same
`str.format` fields, which tests/test_messages.py checks. A plain dict makes a lookup
one dict access and importing this module free: no gettext, no files to find, nothing
for `quizcli --help` to pay for. Chinese uses one set of terms throughout: 题目, 复习,
作答, 评分, 间隔, 记忆, 面试, 题库, 复习记录, 备份.

Question text lives in the banks, not here; command help (Typer docstrings) stays English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

CATALOGUE: dict[str, tuple[str, str]] = {
    # Shared words: topics, question types, levels, ratings, units, yes/no.
    "topic.activations": ("activations", "激活函数"),
    "topic.regularization": ("regularization", "正则化"),
    "topic.normalization": ("normalization", "归一化"),
    "topic.pooling": ("pooling", "池化"),
    "topic.optimization": ("optimization", "优化"),
    "type.concept": ("concept", "概念"),
    "type.choice": ("choice", "选择"),
    "type.numeric": ("numeric", "计算"),
    "type.derivation": ("derivation", "推导"),
    "type.code": ("code", "代码"),
    "level.1": ("easy", "基础"),
    "level.2": ("medium", "进阶"),
    "level.3": ("hard", "困难"),
    "rating.1": ("Again", "重来"),
    "rating.2": ("Hard", "困难"),
    "rating.3": ("Good", "良好"),
    "rating.4": ("Easy", "简单"),
    "phase.learning": ("learning", "学习中"),
    "phase.review": ("review", "复习中"),
    "phase.relearning": ("relearning", "重新学习"),
    "mode.review": ("review", "复习"),
    "mode.practice": ("practice", "练习"),
    "mode.mock": ("mock", "模拟面试"),
    "mode.drill": ("drill", "专项练习"),
    "unit.minutes": ("{n}m", "{n}分钟"),
    "unit.hours": ("{n}h", "{n}小时"),
    "unit.days": ("{n}d", "{n}天"),
    "unit.months": ("{n}mo", "{n}个月"),
    "unit.years": ("{n}y", "{n}年"),
    "unit.seconds": ("{n}s", "{n}秒"),
    "days.one": ("1 day", "1 天"),
    "days.many": ("{n} days", "{n} 天"),
    "list.sep": (", ", "、"),
    "colon": (": ", "："),
    # Verdicts and how they were reached (check, study).
    "verdict.correct": ("correct", "正确"),
    "verdict.incorrect": ("incorrect", "错误"),
    "verdict.undecided": ("undecided", "无法判定"),
    "verdict.invalid": ("invalid input", "无法读懂"),
    "method.proved": ("proved", "已证明"),
    "method.numeric": ("numerically verified", "数值验证"),
    "method.known-mistake": ("known mistake", "常见错误"),
    "method.diagnosis": ("diagnosis", "诊断"),
    "method.parse": ("reading the input", "读取输入"),
    "method.timeout": ("time bound reached", "超时"),
    "method.forbidden": ("uses what the question forbids", "用了题目禁止的函数"),
    "method.kink": ("value at a kink", "折点处取值"),
    "method.exact": ("decided exactly", "精确判定"),
    "check.read_as": ("read as:", "读作："),
    "check.took": ("{method}, {ms} ms", "{method}，{ms} 毫秒"),
    # list, show, search.
    "browse.answer": ("Answer", "答案"),
    "browse.key_points": ("Key points", "要点"),
    "browse.explanation": ("Why", "解析"),
    "browse.hints": ("Hints", "提示"),
    "browse.sources": ("Sources", "出处"),
    "browse.symbols": ("Answer in terms of", "可用符号"),
    "browse.choose": ("Choose {n}", "选择 {n} 项"),
    "browse.tags": ("tags", "标签"),
    "browse.questions": ("{n} questions", "共 {n} 题"),
    "browse.no_match": ("No question matches.", "没有匹配的题目。"),
    "browse.col_id": ("id", "编号"),
    "browse.col_type": ("type", "题型"),
    "browse.col_level": ("level", "难度"),
    "browse.col_prompt": ("prompt", "题目"),
    "browse.tolerance": ("± {tolerance}", "误差 ± {tolerance}"),
    # stats.
    "stats.title": ("Review statistics, {day}", "复习统计（{day}）"),
    "stats.totals": (
        "{total} reviews ({today} today), {practice} practice answers",
        "共复习 {total} 次（今天 {today} 次），练习作答 {practice} 次",
    ),
    "stats.streak": ("Streak: {n} day(s)", "连续学习：{n} 天"),
    "stats.heatmap": ("Answers per day, last 26 weeks", "近 26 周每日作答"),
    "stats.retention": (
        "True retention, last 30 days: {pct} of {n} reviews of learnt questions",
        "近 30 天真实记忆保持率：{pct}（已掌握题目的 {n} 次复习）",
    ),
    "stats.no_retention": (
        "True retention, last 30 days: no reviews of learnt questions yet",
        "近 30 天真实记忆保持率：尚无已掌握题目的复习",
    ),
    "stats.forecast": (
        "Due: {today} today, {week} in the next 7 days, {month} in 30 days",
        "到期：今天 {today} 题，7 天内 {week} 题，30 天内 {month} 题",
    ),
    "stats.topic": ("topic", "主题"),
    "stats.questions": ("questions", "题数"),
    "stats.reviewed": ("reviewed", "已学"),
    "stats.mastered": ("mastered", "已掌握"),
    "stats.mastery": (
        "mastery (learnt, recall ≥ 90% now)",
        "掌握度（已毕业且当前回忆概率 ≥ 90%）",
    ),
    "stats.interview": (
        "{days} to the interview ({date}): about {known:.0f} of {total} questions "
        "expected known that morning; {new} not yet seen.",
        "距面试还有 {days}（{date}）：预计当天早上能答出约 {known:.0f}/{total} 题；"
        "尚有 {new} 题未见。",
    ),
    "stats.no_interview": (
        "About {known:.0f} of {total} questions expected known now; {new} not yet seen "
        "(`quizcli config interview_date YYYY-MM-DD` plans toward a date).",
        "当前预计能答出约 {known:.0f}/{total} 题；尚有 {new} 题未见"
        "（`quizcli config interview_date YYYY-MM-DD` 可按面试日期安排）。",
    ),
    "stats.seen": ("seen", "已见"),
    "stats.recall": ("predicted recall", "预计回忆率"),
    "stats.recall_on_day": ("predicted recall on the day", "面试当天预计回忆率"),
    # Heatmap row labels, comma-separated, padded to one width: every other day named.
    "stats.weekdays": (
        "Mon ,    ,Wed ,    ,Fri ,    ,Sun ",
        "周一 ,     ,周三 ,     ,周五 ,     ,周日 ",
    ),
    # A study, drill or mock session.
    "session.progress": ("Question {n} of {total}", "第 {n} 题，共 {total} 题"),
    "session.answer": (
        "answer (? hint, ! show answer, u undo)> ",
        "作答（? 提示，! 看答案，u 撤销）> ",
    ),
    "session.answer_concept": (
        "your answer, or Enter to see the reference (? hint, u undo)> ",
        "写下你的答案，或直接回车查看参考答案（? 提示，u 撤销）> ",
    ),
    "session.answer_derivation": (
        "formula (? hint, ! show answer, u undo; end with \\ for a next step)> ",
        "公式（? 提示，! 看答案，u 撤销；行末加 \\ 可续写下一步）> ",
    ),
    "session.more": ("... next step> ", "……下一步> "),
    "session.retry": (
        "try again (? hint, Enter to show the answer)> ",
        "再试一次（? 提示，回车看答案）> ",
    ),
    "session.rating": ("rating> ", "评分> "),
    "session.hint": ("Hint {n}/{total}", "提示 {n}/{total}"),
    "session.no_more_hints": ("No more hints.", "没有更多提示了。"),
    "session.keys": (
        "Rate 1-4; Enter takes the proposal; u undo, s suspend, b bury till tomorrow",
        "评分 1-4；回车接受建议；u 撤销，s 暂停，b 搁置到明天",
    ),
    "session.rating_help": (
        "Type 1-4 (again, hard, good, easy), u to undo, s to suspend, b to bury.",
        "请输入 1-4（重来、困难、良好、简单），u 撤销，s 暂停，b 搁置。",
    ),
    "session.accept": ("Enter = {rating}", "回车 = {rating}"),
    "session.nothing_to_undo": (
        "Nothing to undo in this session.",
        "本次练习中没有可撤销的作答。",
    ),
    "session.undone": (
        "Took back the answer to {id}; asking it again.",
        "已撤销 {id} 的作答，重新提问。",
    ),
    "session.suspended": (
        "Suspended {id}; `quizcli unsuspend {id}` brings it back.",
        "已暂停 {id}；用 `quizcli unsuspend {id}` 恢复。",
    ),
    "session.buried": ("Buried {id} until tomorrow.", "已把 {id} 搁置到明天。"),
    "session.leech": (
        "{id} has been forgotten {lapses} times: it is now a leech and suspended. "
        "Rewrite it in your own words, then `quizcli unsuspend {id}`.",
        "{id} 已遗忘 {lapses} 次，被标记为难点并暂停。"
        "请用自己的话重写要点，然后 `quizcli unsuspend {id}`。",
    ),
    "session.leech_tagged": (
        "{id} has been forgotten {lapses} times: it is now tagged a leech (still asked). "
        "Rewrite it in your own words.",
        "{id} 已遗忘 {lapses} 次，已标记为难点（仍会出现）。请用自己的话重写要点。",
    ),
    "session.leech_again": (
        "{id} has now been forgotten {lapses} times; `quizcli suspend {id}` if it is not "
        "worth it, or rewrite it in your own words.",
        "{id} 已遗忘 {lapses} 次；如果不值得继续，可 `quizcli suspend {id}`，或用自己的话重写。",
    ),
    "session.confirm": (
        "Your answer was graded wrong; keep that rating? (y/N)> ",
        "你的答案被判为错误；确定使用这个评分吗？(y/N)> ",
    ),
    "session.rated_despite_wrong": (
        "Rated {rating} although the answer was graded wrong.",
        "答案被判为错误，但评分为 {rating}。",
    ),
    "session.time_left": ("{time} left", "剩余 {time}"),
    "session.out_of_time": ("Time is up.", "时间到。"),
    "session.nothing_due": (
        "Nothing to study now: no question is due and today's new questions are done.",
        "现在没有要学习的题目：没有到期的复习，今天的新题也已学完。",
    ),
    "session.nothing_to_drill": (
        "Nothing to drill: no question matches (see `quizcli history ID`).",
        "没有可练习的题目：没有符合条件的题（可查看 `quizcli history ID`）。",
    ),
    "session.debrief": ("Missed, with the reference", "答错的题目与参考答案"),
    "session.your_answer": ("Your answer: {answer}", "你的答案：{answer}"),
    "session.no_answer": (
        "Your answer: (none, the answer was shown)",
        "你的答案：（无，直接查看了答案）",
    ),
    "session.drill_misses": ("Drill them again: {command}", "再练一遍：{command}"),
    "session.summary": (
        "Answered {n}, right {right}, in {time}.",
        "共作答 {n} 题，答对 {right} 题，用时 {time}。",
    ),
    "session.due_now": (
        "{count} still due now: run quizcli again to go on.",
        "还有 {count} 题现在就到期：再运行 quizcli 继续。",
    ),
    "session.later_today": (
        "{count} more fall due later today, the next at {time} (in {when}).",
        "今天稍后还有 {count} 题到期，下一题在 {time}（{when}后）。",
    ),
    "session.next_due": (
        "Done for today; next due in {when}; {count} due by the end of tomorrow.",
        "今天已完成；下一题 {when}后到期；到明天结束前共有 {count} 题到期。",
    ),
    "session.plan_exam": (
        "{days} to the interview ({date}). Today: {new} new ({unseen} not yet seen, "
        "spread over {new_days} before the review-only days) and {due} due.",
        "距面试还有 {days}（{date}）。今天：{new} 道新题（尚有 {unseen} 题未见，"
        "分摊到只复习期之前的 {new_days}）和 {due} 道到期复习。",
    ),
    "session.plan_review_only": (
        "{days} to the interview ({date}): review only from now on; {due} due today.",
        "距面试还有 {days}（{date}）：从现在起只复习；今天 {due} 道到期。",
    ),
    "session.plan_after": (
        "The interview date {date} has passed: plain FSRS again "
        "(`quizcli config interview_date none`).",
        "面试日期 {date} 已过：恢复普通 FSRS 排期（`quizcli config interview_date none`）。",
    ),
    "session.plan_load": (
        "Today's plan holds about {answers} answers, more than max_answers_per_day "
        "({limit}): split it into sittings, or narrow it with --topic or --new N.",
        "今天的计划约需作答 {answers} 次，超过 max_answers_per_day（{limit}）："
        "可以分几次完成，或用 --topic、--new N 缩小范围。",
    ),
    "session.none_due": ("Nothing scheduled yet.", "暂无排期。"),
    "session.interrupted": (
        "Interrupted; every answer above is saved.",
        "已中断；以上作答均已保存。",
    ),
    "session.score": ("Score by topic", "各主题得分"),
    "session.topic": ("topic", "主题"),
    "session.right": ("right", "答对"),
    "verdict.shown": ("shown", "看了答案"),
    "verdict.self-rated": ("self-rated", "自评"),
    # history: one question's answers.
    "history.no_answers": ("no answers recorded yet", "还没有作答记录"),
    "history.when": ("when ({zone})", "时间（{zone}）"),
    "history.mode": ("mode", "模式"),
    "history.rating": ("rating", "评分"),
    "history.verdict": ("verdict", "判定"),
    "history.next": ("next", "下次间隔"),
    "history.time": ("time", "用时"),
    "history.answer": ("answer", "答案"),
    "history.undone": ("struck-through answers were undone", "带删除线的作答已撤销"),
    "history.local_zone": ("local", "本地时间"),
    "card.new": ("new", "新题"),
    "card.due": ("{phase}, due {when}", "{phase}，{when} 到期"),
    "card.recall": ("recall today {pct}", "今天回忆概率 {pct}"),
    "card.lapses": ("{n} lapse(s)", "遗忘 {n} 次"),
    "card.leech": ("leech", "难点"),
    "card.suspended": ("suspended", "已暂停"),
    "card.buried": ("buried until {when}", "搁置到 {when}"),
    # suspend, unsuspend, bury, undo, forget.
    "flag.suspended": (
        "suspended {id}; `quizcli unsuspend {id}` brings it back",
        "已暂停 {id}；`quizcli unsuspend {id}` 可恢复",
    ),
    "flag.unsuspended": ("unsuspended {id}", "已恢复 {id}"),
    "flag.buried": ("buried {id} until {when}", "已把 {id} 搁置到 {when}"),
    "flag.undone": (
        "took back the answer to {id} given {when}",
        "已撤销 {when} 对 {id} 的作答",
    ),
    "flag.nothing_to_undo": (
        "nothing to undo: no answer has been recorded yet",
        "没有可撤销的作答：还没有任何作答记录",
    ),
    "flag.forgotten": (
        "{id} is new again; {n} answer(s) kept in its history as undone",
        "{id} 已重置为新题；{n} 次作答作为已撤销记录保留在历史中",
    ),
    # doctor.
    "doctor.no_data": (
        "ok: no review data yet ({path} will be created on first use)",
        "正常：还没有复习记录（首次使用时会创建 {path}）",
    ),
    "doctor.ok": ("ok: {path} passed the integrity check", "正常：{path} 通过了完整性检查"),
    "doctor.counts": (
        "{reviews} answers, {cards} questions with history",
        "共 {reviews} 次作答，{cards} 道题有复习记录",
    ),
    "doctor.cache_fixed": (
        "rebuilt {n} card(s) whose cached state disagreed with the log",
        "重建了 {n} 张缓存状态与复习记录不符的卡片",
    ),
    "doctor.damaged": (
        "the review database {path} is damaged:",
        "复习记录数据库 {path} 已损坏：",
    ),
    "doctor.more": ("  ... and {n} more", "  ……另有 {n} 处"),
    "doctor.no_backups": ("no backups yet", "还没有备份"),
    "doctor.backups": ("{n} backup(s); latest {path}", "共 {n} 份备份；最新的是 {path}"),
    "doctor.restored": (
        "restored {backup}; the damaged file was kept as {kept}",
        "已从 {backup} 恢复；损坏的文件保留为 {kept}",
    ),
    "doctor.restored_gap": (
        "answers given after that backup was made are not in the restored file",
        "该备份之后的作答不在恢复后的文件中",
    ),
    "doctor.missing_row": (
        "{table} row {rowid} points at a missing {parent}",
        "{table} 表第 {rowid} 行指向不存在的 {parent}",
    ),
    "doctor.no_backup_to_restore": (
        "no backup to restore; the damaged file {path} is left untouched; {afresh}",
        "没有可用于恢复的备份；损坏的文件 {path} 保持原样；{afresh}",
    ),
    "doctor.no_whole_backup": (
        "no undamaged backup in {folder}; the damaged file {path} is left as it is; {afresh}",
        "{folder} 中没有完好的备份；损坏的文件 {path} 保持原样；{afresh}",
    ),
    "doctor.afresh": (
        "move it aside and quizcli starts a new, empty review history",
        "把它移到别处，quizcli 会从空的复习记录重新开始",
    ),
    "doctor.unchanged": (
        "nothing changed; to put the latest backup in place (keeping the damaged file) run: "
        "quizcli doctor --restore",
        "未做任何改动；要换上最新的备份（并保留损坏的文件），请运行：quizcli doctor --restore",
    ),
    "doctor.confirm": (
        "Restore {backup}? The damaged file is kept",
        "从 {backup} 恢复吗？损坏的文件会保留",
    ),
    # orphans.
    "orphans.none": (
        "no orphans: every id with history is in a loaded bank",
        "没有孤立记录：每个有复习记录的编号都在已加载的题库中",
    ),
    "orphans.row": ("{id}  {n} answer(s)", "{id}  {n} 次作答"),
    "orphans.deleted": (
        "deleted the history of {ids} id(s), {n} answer(s)",
        "已删除 {ids} 个编号的复习记录，共 {n} 次作答",
    ),
    "orphans.found": (
        "{ids} id(s) with history are in no loaded bank ({n} answer(s))",
        "有 {ids} 个带复习记录的编号不在任何已加载的题库中（共 {n} 次作答）",
    ),
    "orphans.how": (
        "quizcli orphans --delete removes them (after a backup)",
        "运行 quizcli orphans --delete 可删除它们（会先备份）",
    ),
    # config.
    "config.line": ("{key} = {value}", "{key} = {value}"),
    "config.lang_locale": ("none (the locale's: {lang})", "无（跟随系统语言：{lang}）"),
    "config.unknown": (
        "unknown setting '{key}'; settings are: {keys}",
        "没有 '{key}' 这项设置；可用的设置：{keys}",
    ),
    "config.bad_value": ("setting {key} = '{value}': {detail}", "设置 {key} = '{value}'：{detail}"),
    "config.range": ("must be between {low} and {high}", "必须在 {low} 到 {high} 之间"),
    "config.on_off": ("must be on or off", "必须是 on 或 off"),
    "config.date": ("must be a date YYYY-MM-DD, or none", "必须是 YYYY-MM-DD 格式的日期，或 none"),
    "config.leech": ("must be suspend or tag", "必须是 suspend 或 tag"),
    "config.lang": ("must be en, zh or none", "必须是 en、zh 或 none"),
    "config.invalid": ("is not a valid value", "不是有效的值"),
    "config.cannot_save": (
        "cannot save the language to {path} ({reason}); check that folder's permissions "
        "or set QUIZCLI_HOME",
        "无法把语言设置写入 {path}（{reason}）；请检查该目录的权限，或设置 QUIZCLI_HOME",
    ),
    # Errors the command line itself reports.
    "usage.no_option": (
        "no option {option}; `{command} -h` lists the options",
        "没有 {option} 这个选项；`{command} -h` 列出全部选项",
    ),
    "usage.no_option_like": (
        "no option {option} (perhaps {possible}); `{command} -h` lists the options",
        "没有 {option} 这个选项（是不是 {possible}？）；`{command} -h` 列出全部选项",
    ),
    "usage.missing": (
        "{name} is missing; `{command} -h` shows how to give it",
        "缺少 {name}；`{command} -h` 说明如何填写",
    ),
    "usage.bad_value": (
        "{option} has a value it does not accept; `{command} -h` shows what it takes",
        "{option} 的值无效；`{command} -h` 说明可以填什么",
    ),
    "usage.no_command": (
        "no command '{name}'; `quizcli -h` lists the commands",
        "没有 '{name}' 这个命令；`quizcli -h` 列出全部命令",
    ),
    "usage.no_command_like": (
        "no command '{name}' (perhaps {possible}); `quizcli -h` lists the commands",
        "没有 '{name}' 这个命令（是不是 {possible}？）；`quizcli -h` 列出全部命令",
    ),
    "usage.other": (
        "this command line cannot be read; `{command} -h` shows how to write it",
        "无法读懂这行命令；`{command} -h` 说明用法",
    ),
    "error.internal": (
        "internal error: {kind}: {detail}; {where}",
        "内部错误（quizcli 的缺陷）：{kind}: {detail}；{where}",
    ),
    "error.log_written": ("details in {path}", "详情见 {path}"),
    "error.log_failed": ("the log could not be written", "错误日志也无法写入"),
    # plot.
    "plot.nothing": (
        "Nothing to plot: no tag of this question names a curve (see quizcli plot --help).",
        "没有可绘制的曲线：这道题的标签里没有激活函数名（见 quizcli plot --help）。",
    ),
}


@dataclass(frozen=True)
class Message:
    """A catalogue entry with its values, said in a language only when it is shown.

    Errors are raised deep in the core, where the language is not known; the CLI says them.
    """

    key: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return say(self.key, lang, **self.fields)

    def __str__(self) -> str:
        return self.text("en")


def msg(key: str, /, **fields: object) -> Message:
    """A message to say later; an unknown key fails here, where it is written."""
    if key not in CATALOGUE:
        raise KeyError(key)
    return Message(key, fields)


def say(key: str, lang: str, /, **fields: object) -> str:
    """The entry in `lang` (English unless zh), filled in; a Message value is said in `lang` too."""
    en, zh = CATALOGUE[key]
    values = {k: v.text(lang) if isinstance(v, Message) else v for k, v in fields.items()}
    return (zh if lang == "zh" else en).format(**values)


def has(key: str) -> bool:
    return key in CATALOGUE


def term(kind: str, value: object, lang: str) -> str:
    """A topic, type, phase or mode by name; one the catalogue does not know (a user's own
    topic) is shown as written."""
    key = f"{kind}.{value}"
    return say(key, lang) if key in CATALOGUE else str(value)
