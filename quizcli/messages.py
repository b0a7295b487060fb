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
    "method.tests": ("ran the tests", "运行测试"),
    "check.read_as": ("read as:", "读作："),
    "check.took": ("  ({method}, {ms} ms)", "（{method}，{ms} 毫秒）"),
    # Reading a typed formula: where it stops making sense, and the fix.
    "parse.column": ("column {column}: ", "第 {column} 列："),
    "parse.cannot_read": ("Cannot read column {column}: ", "无法读懂第 {column} 列："),
    "parse.cannot_read_line": (
        "Cannot read line {line}, column {column}: ",
        "无法读懂第 {line} 行第 {column} 列：",
    ),
    "parse.explained": ("{where}{problem}", "{where}{problem}"),
    "parse.explained_suggest": (
        "{where}{problem}; did you mean {hint}?",
        "{where}{problem}；是不是想写 {hint}？",
    ),
    "parse.empty": ("the answer is empty", "答案是空的"),
    "parse.too_deep": (
        "nested more than {n} levels deep; simplify the expression",
        "嵌套超过 {n} 层，请化简表达式",
    ),
    "parse.if_else": (
        "'if' needs an 'else', as in: 1 if x > 0 else 0",
        "'if' 后面需要 'else'，例如：1 if x > 0 else 0",
    ),
    "parse.condition": (
        "a condition needs a comparison such as x > 0",
        "条件需要一个比较，例如 x > 0",
    ),
    "parse.two_numbers": ("two numbers in a row; add an operator", "两个数字连在一起，请加运算符"),
    "parse.unclosed": (
        "'{opener}' at column {column} is never closed; add '{closer}'",
        "第 {column} 列的 '{opener}' 没有闭合，请补上 '{closer}'",
    ),
    "parse.unclosed_bar": (
        "'|' at column {column} is never closed",
        "第 {column} 列的 '|' 没有闭合",
    ),
    "parse.frac": ("write \\frac{{numerator}}{{denominator}}", "请写成 \\frac{{分子}}{{分母}}"),
    "parse.transpose_only": (
        "T only transposes a vector, as in s sᵀ or s s^T",
        "T 只用于向量转置，例如 s sᵀ 或 s s^T",
    ),
    "parse.needs_argument": (
        "{name} needs an argument in parentheses, as in {name}(x)",
        "{name} 需要用括号写出参数，例如 {name}(x)",
    ),
    "parse.power_before": (
        "{name}^… before the argument means a power of {name}(x); write {name}(x)^n or "
        "1/{name}(x) instead",
        "{name}^… 写在参数前表示 {name}(x) 的幂，请改写成 {name}(x)^n 或 1/{name}(x)",
    ),
    "parse.ends_early": (
        "the expression ends too early; something is missing",
        "表达式不完整，后面缺了东西",
    ),
    "parse.no_opener": (
        "'{closer}' has no matching opening bracket",
        "'{closer}' 没有对应的左括号",
    ),
    "parse.equals": (
        "'=' separates steps and needs a formula on both sides; compare with ==",
        "'=' 用来分隔推导步骤，两边都要有公式；比较请用 ==",
    ),
    "parse.unexpected": ("unexpected '{text}' here", "这里不应出现 '{text}'"),
    "parse.comparison_value": (
        "'{text}' makes a condition, not a number; write a piecewise value such as "
        "1 if x > 0 else 0",
        "'{text}' 构成的是条件而不是数值；请写成分段形式，例如 1 if x > 0 else 0",
    ),
    "parse.arity": (
        "{name} takes {wanted} argument(s), not {count}",
        "{name} 需要 {wanted} 个参数，而不是 {count} 个",
    ),
    "parse.cases_open": (
        "\\begin{{cases}} is never closed; add \\end{{cases}}",
        "\\begin{{cases}} 没有闭合，请补上 \\end{{cases}}",
    ),
    "parse.cases_empty": ("the cases are empty", "cases 里是空的"),
    "parse.big_exponent": (
        "the exponent of {number} is too large (at most ±{limit})",
        "{number} 的指数太大（最多 ±{limit}）",
    ),
    "parse.long_number": (
        "a number with {digits} digits is too long (at most {limit})",
        "数字有 {digits} 位，太长了（最多 {limit} 位）",
    ),
    "parse.command_name": (
        "\\{command} needs a name in braces, such as \\{command}{{sech}}",
        "\\{command} 后面要跟花括号里的名字，例如 \\{command}{{sech}}",
    ),
    "parse.underscore": (
        "'_' only joins a name to its subscript, as in s_i; names cannot start with it",
        "'_' 只用于下标，例如 s_i；名字不能以它开头",
    ),
    "parse.dot": ("'.' only appears in numbers such as 0.5", "'.' 只能出现在数字里，例如 0.5"),
    "parse.quotes": (
        "quotes and primes are not part of a formula; type the derivative itself",
        "公式里不能有引号或撇号，请直接写出导数的表达式",
    ),
    "parse.character": ("unexpected character {shown}", "无法识别的字符 {shown}"),
    "parse.latex_command": ("unknown LaTeX command \\{command}", "不支持的 LaTeX 命令 \\{command}"),
    "parse.diag": ("diag takes a vector, as in diag(s)", "diag 的参数是向量，例如 diag(s)"),
    "parse.transpose": ("only a vector can be transposed", "只有向量可以转置"),
    "parse.sum_index": (
        "the second argument of sum is the index, as in sum(y_k, k)",
        "sum 的第二个参数是求和下标，例如 sum(y_k, k)",
    ),
    "parse.too_large": (
        "a number or exponent is too large (exponents up to {limit})",
        "数字或指数太大（指数最多为 {limit}）",
    ),
    "parse.elementwise": (
        "{what} cannot be applied to a vector or matrix; use elements such as s_i",
        "{what} 不能作用于向量或矩阵，请用分量写法，例如 s_i",
    ),
    "parse.shapes": ("the shapes do not match ({detail})", "矩阵形状不匹配（{detail}）"),
    "parse.outer_product": ("s sᵀ, the outer product", "外积 s sᵀ"),
    "parse.cannot_compute": (
        "this part cannot be computed ({detail}); write it another way",
        "这一部分无法计算（{detail}）；请换一种写法",
    ),
    "parse.too_long": (
        "the answer is {n} characters long; the limit is {limit}",
        "答案有 {n} 个字符，超过了 {limit} 的上限",
    ),
    "parse.too_many_steps": (
        "more than {limit} steps; keep the main ones",
        "超过 {limit} 步，请只保留主要步骤",
    ),
    "parse.equals_sides": ("'=' needs a formula on both sides", "'=' 两边都要有公式"),
    "parse.numbers_only": ("numbers only", "只有数字"),
    "parse.unknown_name": (
        "unknown name '{name}'; this answer may use {allowed} and functions such as σ, tanh",
        "无法识别的名字 '{name}'；这道题可以用 {allowed} 以及 σ、tanh 等函数",
    ),
    "parse.mixed": (
        "this mixes whole vectors (s, y) with elements (s_i, δ_ij); write all elements, "
        "as in s_i − y_i, or all vectors, as in s − y",
        "这里把整个向量（s、y）和分量（s_i、δ_ij）混在一起了；请全部用分量写，如 s_i − y_i，"
        "或全部用向量写，如 s − y",
    ),
    "parse.no_indices": ("none", "无"),
    "parse.unbound": (
        "index {letter} is not an index of this question ({indices}); sum over it with "
        "sum(…, {letter})",
        "下标 {letter} 不是本题的下标（{indices}）；如需求和请写 sum(…, {letter})",
    ),
    "parse.a_number": ("a number", "一个数"),
    "parse.a_matrix": ("a {rows}×{cols} matrix", "{rows}×{cols} 矩阵"),
    "parse.shape": (
        "this reads as {got} for n = {n} classes, but the answer is {wanted}",
        "当类别数 n = {n} 时，这个式子是{got}，而答案应是{wanted}",
    ),
    "parse.forbidden": (
        "the question asks for this without {name}; rewrite it with the others",
        "题目要求不用 {name} 来写，请换成其他函数表示",
    ),
    # The checker's verdicts on a derivation: why it is right, wrong or undecided.
    "why.proved": (
        "Correct: {steps}proved equal to the reference answer.",
        "正确：{steps}已严格证明与参考答案相等。",
    ),
    "why.numerically": (
        "Correct: {steps}equal to the reference at {points} test points (numerically "
        "verified; no symbolic proof within the time bound).",
        "正确：{steps}在 {points} 个测试点上与参考答案相等（数值验证；时限内未完成符号证明）。",
    ),
    "why.all_steps": (
        "all {n} steps follow and the last one is right: ",
        "{n} 步推导都成立，最后一步正确：",
    ),
    "why.step": ("step {n}", "第 {n} 步"),
    "why.your_answer": ("your answer", "你的答案"),
    "why.undecided": (
        "Undecided: {which} could not be evaluated at enough test points (is it defined "
        "everywhere in the question's domain?), and no proof was found in time.",
        "无法判定：{which}在足够多的测试点上无法求值（它在题目的定义域内处处有定义吗？），"
        "而且在时限内没有找到证明。",
    ),
    "why.timed_out": (
        "Undecided: the checker used its {seconds} s of CPU time while {stage}. This says "
        "nothing about your answer; run `quizcli check` with a larger --timeout.",
        "无法判定：检查器在{stage}时用完了 {seconds} 秒 CPU 时间。"
        "这并不说明你的答案有错；可以用 `quizcli check --timeout` 给更多时间。",
    ),
    "stage.reading": ("reading your answer", "读取你的答案"),
    "stage.showing": ("showing how it was read", "显示读法"),
    "stage.evaluating": ("evaluating it at the test points", "在测试点上求值"),
    "stage.explaining": ("explaining the mistake", "分析错误"),
    "stage.exact": ("deciding it exactly", "做精确判定"),
    "stage.kinks": ("checking the value at the kinks", "检查折点处的取值"),
    "stage.proof": ("looking for a proof", "寻找证明"),
    "stage.preparing": ("preparing the question", "准备题目"),
    "stage.checking": ("checking", "检查"),
    "why.labels_dropped": ("(Label {labels} left out.)", "（已略去标签 {labels}。）"),
    "why.step_one": ("Step 1 is already wrong. {finding}", "第 1 步就错了。{finding}"),
    "why.step_n": (
        "Step {n} does not follow from step {previous}. {finding}",
        "第 {n} 步不能由第 {previous} 步得到。{finding}",
    ),
    "why.exp_spelled": (" (e^… is exp)", "（e^… 就是 exp）"),
    "why.uses_forbidden": (
        "Your answer uses {name}{spelled}, which the question asks you to rewrite away; "
        "write it with the other functions.",
        "你的答案用到了 {name}{spelled}，题目要求不用它；请换成其他函数表示。",
    ),
    "why.starting_expression": (
        "That is the expression the question starts from; it asks for another form of it.",
        "这就是题目给出的原式；题目要的是它的另一种写法。",
    ),
    "why.exact_difference": (
        "Not equal: your answer minus the correct one is exactly {text}. The difference is "
        "small next to the size of the terms, but exact arithmetic shows it is not zero.",
        "不相等：你的答案减去正确答案恰好等于 {text}。"
        "这个差值相对各项的大小很小，但精确计算表明它不为零。",
    ),
    "why.not_exact": (
        "Not equal. The difference is small next to the size of the terms, but exact "
        "arithmetic shows it is not zero.",
        "不相等。这个差值相对各项的大小很小，但精确计算表明它不为零。",
    ),
    "why.kink_undefined": (
        "At {where} your answer is undefined; the question asks for the value {expected} there.",
        "你的答案在 {where} 处没有定义；题目要求该处取值为 {expected}。",
    ),
    "why.kink_value": (
        "Right away from the kink, but at {where} your answer gives {yours}; the question "
        "asks for {expected} there (the value frameworks use).",
        "折点以外都对，但在 {where} 处你的答案取值为 {yours}；题目要求该处为"
        " {expected}（框架采用的值）。",
    ),
    "why.not_differentiated": (
        "This is the function itself; the question asks for its derivative.",
        "这是函数本身，题目要的是它的导数。",
    ),
    "why.sign_flipped": (
        "The sign is flipped: your answer is the negative of the correct one.",
        "符号反了：你的答案恰好是正确答案的相反数。",
    ),
    "why.constant_factor": (
        "Off by a constant factor: your answer is {k} times the correct one.",
        "差了一个常数倍：你的答案是正确答案的 {k} 倍。",
    ),
    "why.extra_factor": ("Your answer has an extra factor {name}.", "你的答案多乘了一个 {name}。"),
    "why.missing_factor": (
        "Your answer is missing a factor {name}.",
        "你的答案漏乘了一个 {name}。",
    ),
    "why.constant_offset": (
        "Off by a constant: your answer is the correct one plus {c}.",
        "差了一个常数：你的答案等于正确答案加上 {c}。",
    ),
    "why.chain_rule": (
        "Missing the chain-rule factor: the inner {inner} has derivative {du}, and the term "
        "it belongs to must be multiplied by it.",
        "漏了链式法则的因子：内层 {inner} 的导数是 {du}，对应的那一项要乘上它。",
    ),
    "why.product_rule": (
        "Product rule: you differentiated only one factor. d(uv) = u′v + uv′; the term with "
        "the derivative of {others} is missing.",
        "乘积法则：你只对其中一个因子求了导。d(uv) = u′v + uv′，漏了对 {others} 求导的那一项。",
    ),
    "why.one_side": ("Right for {ok}, but wrong for {bad}.", "在 {ok} 时正确，但在 {bad} 时不对。"),
    "why.one_sign": (
        "Right for {name} > 0, but wrong for {name} < 0: the question does not say {name} "
        "is positive.",
        "在 {name} > 0 时正确，但在 {name} < 0 时不对：题目并没有说 {name} 为正。",
    ),
    "why.off_diagonal_wrong": (
        "The diagonal entries (i = j) are right, the off-diagonal ones (i ≠ j) are wrong.",
        "对角元（i = j）是对的，非对角元（i ≠ j）不对。",
    ),
    "why.diagonal_wrong": (
        "The off-diagonal entries (i ≠ j) are right, the diagonal ones (i = j) are wrong.",
        "非对角元（i ≠ j）是对的，对角元（i = j）不对。",
    ),
    "why.sign_inside": (
        "A sign is lost inside: your answer is the correct one at −{name}.",
        "里面丢了一个负号：你的答案等于正确答案在 −{name} 处的值。",
    ),
    "why.sign_on_terms": (
        "A sign is wrong on the terms with {name}: your answer is the correct one with "
        "{name} replaced by −{name}.",
        "含 {name} 的项符号错了：你的答案等于把正确答案中的 {name} 换成 −{name}。",
    ),
    "why.yours_undefined": (
        "Your answer is undefined {where}, where the correct value is {wanted}; elsewhere "
        "they agree.",
        "你的答案{where}没有定义，而正确值是 {wanted}；其余地方一致。",
    ),
    "why.reference_undefined": (
        "The correct answer is undefined {where}, but yours has a value there; elsewhere "
        "they agree.",
        "正确答案{where}没有定义，而你的答案在那里有值；其余地方一致。",
    ),
    "why.at": ("at {where}", "在 {where} 处"),
    "why.at_a_point": ("at a test point", "在一个测试点上"),
    "why.at_random_z": ("for {where} at a random z", "在 {where}、随机 z 处"),
    "why.near_miss": (
        "Very close but not equal (largest difference {gap} of the scale): is this an "
        "approximation, such as the tanh form of GELU, rather than the exact expression?",
        "非常接近但不相等（最大差距为量级的 {gap}）：这是不是一个近似式（比如 GELU 的 tanh"
        " 近似），而不是精确表达式？",
    ),
    "why.too_large": (
        "Not equal: your answer is too large to evaluate in floating point {at}, and the "
        "correct value is {wanted}.",
        "不相等：{at}你的答案太大，超出浮点数范围，而正确值是 {wanted}。",
    ),
    "why.not_equal": ("Not equal to the correct answer.", "与正确答案不相等。"),
    "why.not_real": (
        "Not equal: {at} your answer is not a real number, but the correct value is {wanted}.",
        "不相等：{at}你的答案没有实数值，而正确值是 {wanted}。",
    ),
    "why.differs": (
        "Not equal: {at} your answer is {yours}, the correct value is {wanted}.",
        "不相等：{at}你的答案是 {yours}，正确值是 {wanted}。",
    ),
    # Grading typed choice and numeric answers.
    "grade.letters": ("Answer with letters {span}.", "请用字母 {span} 作答。"),
    "grade.pick": ("Pick {n} option(s).", "请选 {n} 项。"),
    "grade.choice_answer": ("The answer is {right}.", "正确答案是 {right}。"),
    "grade.count": ("Give {n} number(s).", "请给出 {n} 个数。"),
    "grade.numeric_answer": (
        "The answer is {right}{unit} (± {tolerance}).",
        "正确答案是 {right}{unit}（± {tolerance}）。",
    ),
    "grade.no_number": ("Type a number, such as 0.25 or 1/4.", "请输入一个数，例如 0.25 或 1/4。"),
    "grade.unit": (
        "Cannot read {part}: the answer is in {unit}; type the number alone or with that "
        "unit, e.g. {number} {unit}.",
        "无法读懂 {part}：答案的单位是 {unit}；只写数字，或写成 {number} {unit}。",
    ),
    "grade.not_a_number": (
        "Cannot read {part} as a number; write e.g. 0.25, 1/4 or 2.5e-3.",
        "无法把 {part} 读成数，请写成 0.25、1/4 或 2.5e-3 这样的形式。",
    ),
    "grade.zero": ("{part} divides by zero.", "{part} 的分母为零。"),
    "grade.too_large": ("{part} is too large.", "{part} 太大了。"),
    # list, show, search.
    "browse.answer": ("Answer", "答案"),
    "browse.key_points": ("Key points", "要点"),
    "browse.explanation": ("Why", "解析"),
    "browse.yours": ("Your answer", "你的答案"),
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
    "browse.tolerance": ("(± {tolerance})", "（误差 ± {tolerance}）"),
    # Markdown cheat sheets: one per topic.
    "export.answer": ("Answer", "答案"),
    "export.explanation": ("Explanation", "解析"),
    "export.sources": ("Sources", "出处"),
    "export.concept": ("Concept", "概念题"),
    "export.choice": ("Choice", "选择题"),
    "export.numeric": ("Numeric", "计算题"),
    "export.derivation": ("Derivation", "推导题"),
    "export.code": ("Code", "编程题"),
    "lint.no_files": (
        "no bank files (*.yaml) in {path}; give a folder that holds them",
        "{path} 中没有题库文件（*.yaml）；请给出存放题库的文件夹",
    ),
    "report.tracker": ("the project's issue tracker", "项目的问题跟踪页"),
    "report.paste": (
        "quizcli: paste the report above into a new issue at {where}",
        "quizcli：把上面的报告粘贴到 {where} 的新问题里",
    ),
    "sheet.activations": ("Activation functions", "激活函数"),
    "sheet.regularization": ("Regularization", "正则化"),
    "sheet.normalization": ("Normalization", "归一化"),
    "sheet.pooling": ("Pooling", "池化"),
    "sheet.optimization": ("Optimization", "优化"),
    # Code questions.
    "code.start_from": ("Start from", "从这里开始"),
    "code.reference": ("Reference solution", "参考实现"),
    "cause.overflow": (
        "overflow: exp of a large input is inf; subtract the max before exponentiating",
        "溢出：大输入的 exp 变成 inf；先减去最大值再取指数",
    ),
    "cause.in-place": (
        "the input array was modified in place; work on a copy",
        "输入数组被原地修改了；请在副本上计算",
    ),
    "cause.shape": ("the result has the wrong shape", "结果的形状不对"),
    "cause.dtype": ("the result has the wrong dtype", "结果的数据类型不对"),
    "cause.axis": ("reduced over the wrong axis", "在错误的轴上做了归约"),
    "cause.running-stats": (
        "the running statistics are not updated as expected",
        "滑动平均统计量没有按要求更新",
    ),
    "cause.train-eval": (
        "training and evaluation behaviour are mixed up",
        "训练模式和推理模式的行为弄混了",
    ),
    "cause.nan": ("the result contains NaN", "结果里出现了 NaN"),
    "cause.not-implemented": (
        "the stub is unchanged: write the function body",
        "桩代码还没改：请写出函数体",
    ),
    "code.values_differ": ("values differ", "数值不一致"),
    "code.moments_differ": ("moments differ", "均值或标准差不一致"),
    "code.stop_cpu": (
        "stopped after {seconds} s of CPU time: an infinite loop, or far too slow",
        "CPU 时间超过 {seconds} 秒，已停止：可能是死循环，或者太慢",
    ),
    "code.stop_wall": (
        "stopped after {seconds} s without finishing: is it sleeping or waiting for input?",
        "运行 {seconds} 秒仍未结束，已停止：是不是在休眠或等待输入？",
    ),
    "code.stop_memory": (
        "ran out of memory (the limit is {mib} MiB): an array far too large?",
        "内存超出 {mib} MiB 的上限：是不是创建了过大的数组？",
    ),
    "code.stop_crash": ("the process died: {detail}", "进程意外退出：{detail}"),
    "code.stop_output": (
        "your code printed more than {mib} MiB; remove the prints",
        "你的代码输出超过了 {mib} MiB；请删掉 print",
    ),
    "code.refused": (
        "your code tried to {action}; drills may only compute with NumPy",
        "你的代码试图{action}；代码练习只能用 NumPy 做计算",
    ),
    "code.action_process": ("start or signal another process", "启动其他进程或向其发信号"),
    "code.action_network": ("use the network", "访问网络"),
    "code.action_native": ("load native code with ctypes", "用 ctypes 加载本机代码"),
    "code.action_write": ("write or delete {path}", "写入或删除 {path}"),
    "code.action_read": ("read {path}", "读取 {path}"),
    "code.not_utf8": (
        "{path} is not UTF-8 text; save it as UTF-8",
        "{path} 不是 UTF-8 文本；请以 UTF-8 保存",
    ),
    "code.still_stub": (
        "{path} is still the question's stub; write {function}() and save it",
        "{path} 仍是题目给的桩代码；请写出 {function}() 并保存",
    ),
    "code.status": ("status {n}", "状态 {n}"),
    "code.signal": ("signal {n}", "信号 {n}"),
    "code.editor_exited": (
        "the editor exited with {how}; your file is kept at {path}",
        "编辑器以{how}退出；你的文件保存在 {path}",
    ),
    "code.forbidden_module": (
        "this question asks you to do without {module}",
        "本题要求不使用 {module}",
    ),
    "code.raised": ("raised {kind}: {message}", "抛出了 {kind}：{message}"),
    "code.file_path": (
        "{problem}; type the path of your file, or e to edit it",
        "{problem}；请输入你的代码文件路径，或输入 e 编辑",
    ),
    "code.cannot_read": ("cannot read {path}: {reason}", "无法读取 {path}：{reason}"),
    "code.syntax": ("syntax error: {detail}", "语法错误：{detail}"),
    "code.imports": (
        "line {line} imports {name}; this question asks you to do without {banned}",
        "第 {line} 行导入了 {name}；本题要求不使用 {banned}",
    ),
    "code.no_function": (
        "the file does not define {function}(); keep the stub's name and signature",
        "文件里没有定义 {function}()；请保留桩代码里的函数名和参数",
    ),
    "code.missing_function": (
        "the file does not define {function}()",
        "文件里没有定义 {function}()",
    ),
    "code.fails_to_load": ("the file fails when loaded: {message}", "加载文件时出错：{message}"),
    "code.not_run": (" (not run)", "（未运行）"),
    "code.passed": ("{passed}/{total} cases passed", "{passed}/{total} 个用例通过"),
    "code.first_failing": ("first failing case: {name}", "失败用例：{name}"),
    "code.inputs": ("inputs", "输入"),
    "code.expected": ("expected", "期望"),
    "code.got": ("got", "得到"),
    "code.largest_difference": ("largest difference", "最大差值"),
    "code.cause": ("cause", "原因"),
    "code.hint": ("hint", "提示"),
    "code.bank_broken": (
        "{id}: the bank's reference or cases failed to run ({detail}); fix the bank (run "
        "`quizcli lint`), or report it if the bank is bundled",
        "{id}：题库的参考实现或测试用例无法运行（{detail}）；请修正题库（运行 `quizcli lint`），"
        "若是内置题库请报告此问题",
    ),
    "code.reference_fails": (
        "{id}: the reference fails case '{case}' ({detail}); fix the bank",
        "{id}：参考实现未通过用例 '{case}'（{detail}）；请修正题库",
    ),
    "code.untrusted": (
        "{id} comes from a bank that is not trusted, and its reference and cases are Python "
        "code; read them, then `quizcli config trust_bank PATH` to run them",
        "{id} 来自未受信任的题库，其参考实现和测试用例都是 Python 代码；"
        "请先阅读，再用 `quizcli config trust_bank PATH` 允许运行",
    ),
    "code.no_editor": (
        "set $VISUAL or $EDITOR to edit {path}, or edit it yourself and give its path "
        "(`quizcli code ID --file PATH`)",
        "请设置 $VISUAL 或 $EDITOR 以编辑 {path}，或自行编辑后给出文件路径"
        "（`quizcli code ID --file PATH`）",
    ),
    "code.editor_failed": (
        "cannot run the editor '{command}': {reason}; fix $VISUAL or $EDITOR",
        "无法运行编辑器 '{command}'：{reason}；请修正 $VISUAL 或 $EDITOR",
    ),
    "code.no_bank": (
        "no bank at {path}; give the path of a bank file or directory",
        "{path} 处没有题库；请给出题库文件或目录的路径",
    ),
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
    "session.answer_code": (
        "path of your file, or e to edit (? hint, ! show answer, u undo)> ",
        "你的代码文件路径，或输入 e 编辑（? 提示，! 看答案，u 撤销）> ",
    ),
    "session.why_key": (
        "✓ points your answer seems to mention (a hint, not a grade); w: full explanation",
        "✓ 你的答案似乎提到的要点（仅供参考，不是评分）；w：完整解析",
    ),
    "session.workspace": ("Your file: {path}", "你的文件：{path}"),
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
        "Type 1-4 (again, hard, good, easy), w for the explanation, u to undo, s to suspend,"
        " b to bury.",
        "请输入 1-4（重来、困难、良好、简单），w 看解析，u 撤销，s 暂停，b 搁置。",
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
    "session.plan_today": (
        "The interview is today ({date}): good luck. From tomorrow plain FSRS again "
        "(`quizcli config interview_date none`).",
        "今天就是面试日（{date}）：祝顺利。明天起恢复普通 FSRS 排期"
        "（`quizcli config interview_date none`）。",
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
    "session.new_left": (
        "{count} new question(s) planned for today not asked yet: run quizcli again to go on.",
        "今天计划的新题还有 {count} 道没问到：再运行 quizcli 继续。",
    ),
    "session.none_due": ("Nothing scheduled yet.", "暂无排期。"),
    "session.interrupted": (
        "Interrupted; every answer above is saved.",
        "已中断；以上作答均已保存。",
    ),
    "session.stalled_rating": (
        "Stopped: {count} lines in a row were not a rating; type 1-4, or an empty line for the"
        " proposal. Every answer above is saved.",
        "已停止：连续 {count} 行都不是评分；请输入 1-4，或输入空行接受建议。以上作答均已保存。",
    ),
    "session.stalled_answer": (
        "Stopped: {count} lines in a row led nowhere (no hint left, nothing to undo); type an"
        " answer, or ! to see it. Every answer above is saved.",
        "已停止：连续 {count} 行都无法处理（没有更多提示或没有可撤销的作答）；请输入答案，"
        "或输入 ! 查看答案。以上作答均已保存。",
    ),
    "session.stalled_more": (
        "Stopped: {count} empty steps in a row; end a line with \\ only to add a step."
        " Every answer above is saved.",
        "已停止：连续 {count} 个空步骤；只有要续写下一步时才在行末加 \\。以上作答均已保存。",
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
    # history export/import and sync between machines.
    "history.exported": (
        "wrote {n} answer(s) to {target}; on the other machine: quizcli history import {name}",
        "已把 {n} 次作答写入 {target}；在另一台机器上运行：quizcli history import {name}",
    ),
    "history.imported": (
        "merged {answers} answer(s) and {undos} undo(s) from {source} ({rebuilt} card(s) "
        "rebuilt); answers already here were left as they are",
        "已从 {source} 合并 {answers} 次作答和 {undos} 次撤销（重建了 {rebuilt} 张卡片）；"
        "本机已有的作答保持不变",
    ),
    "history.needs_file": (
        "history {action} needs a FILE, e.g. quizcli history {action} quizcli-history.jsonl",
        "`quizcli history {action}` 需要一个文件，"
        "例如 `quizcli history {action} quizcli-history.jsonl`",
    ),
    "history.not_a_file": (
        "{path} is not a file; name a file written by history export",
        "{path} 不是文件；请给出由 `quizcli history export` 写出的文件",
    ),
    "sync.done": (
        "synced with {folder}: {answers_in} answer(s) and {undos_in} undo(s) merged from "
        "{files} other file(s); {answers_out} answer(s) and {undos_out} undo(s) of this "
        "machine written to {mine}; {rebuilt} card(s) rebuilt",
        "已与 {folder} 同步：从 {files} 个其他文件合并了 {answers_in} 次作答和 {undos_in} 次撤销；"
        "本机的 {answers_out} 次作答和 {undos_out} 次撤销已写入 {mine}；重建了 {rebuilt} 张卡片",
    ),
    "sync.no_folder": (
        "the sync folder {folder} does not exist or is not a folder; create it (or mount it) "
        "and run quizcli sync again",
        "同步文件夹 {folder} 不存在或不是文件夹；请创建（或挂载）它，再运行 quizcli sync",
    ),
    "sync.folder_unreadable": (
        "cannot read the sync folder {folder} ({reason}); check its permissions",
        "无法读取同步文件夹 {folder}（{reason}）；请检查它的权限",
    ),
    "sync.unreadable": (
        "cannot read {path} ({reason}); check its permissions",
        "无法读取 {path}（{reason}）；请检查它的权限",
    ),
    "sync.unreadable_skipped": (
        "cannot read {path} ({reason}); check its permissions; skipped",
        "无法读取 {path}（{reason}）；请检查它的权限；已跳过",
    ),
    "sync.cannot_write": (
        "cannot write {path} ({reason}); check the folder's permissions and free space",
        "无法写入 {path}（{reason}）；请检查该文件夹的权限和剩余空间",
    ),
    "sync.more_bad": ("{path}: {n} more bad line(s) skipped", "{path}：另有 {n} 行无效，已跳过"),
    "sync.not_an_answer": (
        "{where}: not a quizcli answer ({detail}); skipped",
        "{where}：不是 quizcli 的作答记录（{detail}）；已跳过",
    ),
    "sync.differs": (
        "{where}: answer {uid} differs from an earlier line; skipped",
        "{where}：作答 {uid} 与前面的一行不一致；已跳过",
    ),
    "sync.clash": (
        "answer {uid} ({question}) is another answer here ({here}): two data dirs share the "
        "machine id {machine} (a copied QUIZCLI_HOME?); skipped",
        "作答 {uid}（{question}）在本机是另一条作答（{here}）：两个数据目录共用机器编号 "
        "{machine}（是复制了 QUIZCLI_HOME 吗？）；已跳过",
    ),
    "sync.orphan_undo": (
        "undo of {uid}, an answer no file holds; skipped",
        "撤销的是 {uid}，但没有文件含有这条作答；已跳过",
    ),
    "sync.bad_object": ("not a JSON object", "不是 JSON 对象"),
    "sync.bad_json": ("not valid JSON", "不是合法的 JSON"),
    "sync.bad_mode": ("mode must be review or practice", "mode 必须是 review 或 practice"),
    "sync.bad_rating": ("rating must be 1-4 or null", "rating 必须是 1-4 或 null"),
    "sync.no_rating": ("a review needs a rating", "复习记录必须有 rating"),
    "sync.bad_phase": ("phase must be one of {phases}", "phase 必须是 {phases} 之一"),
    "sync.bad_lapse": ("lapse must be true or false", "lapse 必须是 true 或 false"),
    "sync.bad_uid": ("uid must be <machine>-<number>", "uid 必须是 <机器>-<编号> 的形式"),
    "sync.bad_text": ("{key} must be a string", "{key} 必须是字符串"),
    "sync.empty_text": ("{key} must be a non-empty string", "{key} 必须是非空字符串"),
    "sync.bad_int": ("{key} must be a whole number from 0", "{key} 必须是不小于 0 的整数"),
    "warning.line": ("warning: {warning}", "警告：{warning}"),
    "backup.failed": (
        "the backup of {label} failed ({why}); your answers are still saved",
        "{label} 的备份失败了（{why}）；你的作答仍然已保存",
    ),
    "backup.running": ("another backup is running", "另一个备份正在进行"),
    "backup.none_made": (
        "no backup could be made, so nothing was deleted: {problem}",
        "无法创建备份，因此没有删除任何内容：{problem}",
    ),
    "guard.restore": ("run: quizcli doctor --restore", "请运行：quizcli doctor --restore"),
    "guard.missing": (
        "the review database {path} is missing, but a history of {n} answers existed; "
        "{restore} (or, to start an empty history, delete {record} and {backups})",
        "复习记录数据库 {path} 不见了，但之前有 {n} 次作答的历史；{restore}"
        "（若要从空的历史开始，请删除 {record} 和 {backups}）",
    ),
    "guard.empty": (
        "the review database {path} is empty, but a history of {n} answers existed; "
        "{restore} (or, to start an empty history, delete {record} and {backups})",
        "复习记录数据库 {path} 是空的，但之前有 {n} 次作答的历史；{restore}"
        "（若要从空的历史开始，请删除 {record} 和 {backups}）",
    ),
    "guard.rolled_back": (
        "the review database {path} holds answers up to #{have}, but it held answers up to "
        "#{known}: it was replaced or rolled back; {restore}",
        "复习记录数据库 {path} 中的作答只到第 {have} 条，但之前已到第 {known} 条："
        "它被替换或回退了；{restore}",
    ),
    "guard.busy": (
        "another quizcli (a study session in another terminal?) has {path} open; finish it, "
        "then run quizcli doctor --restore again",
        "另一个 quizcli（是另一个终端里的练习吗？）正打开着 {path}；请先结束它，"
        "再运行 quizcli doctor --restore",
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
        "the review database {path} is {cause}:",
        "复习记录数据库 {path} {cause}：",
    ),
    "doctor.cause_line": ("{cause}: {problem}", "{cause}：{problem}"),
    "dbcause.missing": ("missing", "不见了"),
    "dbcause.empty": ("empty", "是空的"),
    "dbcause.rolled back": ("rolled back", "被回退了"),
    "dbcause.damaged": ("damaged", "已损坏"),
    "dbcause.not readable": ("not readable", "无法读取"),
    "dbcause.read-only": ("read-only", "是只读的"),
    "dbcause.disk full": ("disk full", "所在磁盘已满"),
    "dbcause.locked": ("locked", "被占用"),
    "dbcause.newer schema": ("newer schema", "来自更新版本"),
    "doctor.more": ("  ... and {n} more", "  ……另有 {n} 处"),
    "doctor.no_backups": ("no backups yet", "还没有备份"),
    "doctor.backups": (
        "{n} backup(s); latest {path} ({reviews} answers)",
        "共 {n} 份备份；最新的是 {path}（{reviews} 次作答）",
    ),
    "doctor.restored": ("restored {backup}; {where}", "已从 {backup} 恢复；{where}"),
    "doctor.kept": ("the damaged file was kept as {kept}", "损坏的文件保留为 {kept}"),
    "doctor.nothing_kept": ("there was no file to keep", "没有需要保留的旧文件"),
    "doctor.restored_gap": (
        "answers given after that backup was made are not in the restored file",
        "该备份之后的作答不在恢复后的文件中",
    ),
    "doctor.not_readable": (
        "{path} cannot be read ({reason}); check its permissions",
        "{path} 无法读取（{reason}）；请检查它的权限",
    ),
    "doctor.read_only": (
        "{path} or its directory is read-only; make both writable, or set QUIZCLI_HOME",
        "{path} 或其所在目录是只读的；请把两者都设为可写，或设置 QUIZCLI_HOME",
    ),
    "doctor.disk_full": (
        "the disk holding {path} is full; free some space",
        "{path} 所在的磁盘已满；请腾出一些空间",
    ),
    "doctor.locked": (
        "{path} is locked by another process (a quizcli session?); finish it and run "
        "quizcli doctor again",
        "{path} 被另一个进程占用（是正在进行的 quizcli 练习吗？）；结束它后再运行 quizcli doctor",
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
    "config.past_date": (
        "interview_date {day} is in the past (today is {today}); give a later date, or none",
        "interview_date {day} 已经过去了（今天是 {today}）；请给一个更晚的日期，或 none",
    ),
    "config.trusted": ("trusted: {path}", "已信任：{path}"),
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
    # Errors naming a question, a bank, a filter or a file.
    "error.no_question": (
        "no question '{id}'; `quizcli list` shows every id",
        "没有编号为 '{id}' 的题目；`quizcli list` 列出全部编号",
    ),
    "error.no_question_like": (
        "no question '{id}'; did you mean '{close}'?",
        "没有编号为 '{id}' 的题目；是不是 '{close}'？",
    ),
    "error.bank_problems": (
        "{n} problem(s) in the banks; fix them and retry",
        "题库中有 {n} 个问题；修正后再试",
    ),
    "warning.skipped_bank": (
        "warning: skipped the bank {path}: {n} problem(s), the first at line {line}; "
        "see them with: quizcli lint {path}",
        "警告：已跳过题库 {path}：有 {n} 个问题，第一个在第 {line} 行；"
        "查看详情：quizcli lint {path}",
    ),
    "error.filter_close": (
        "{option} '{value}' matches no question; did you mean '{close}'?",
        "{option} '{value}' 没有匹配的题目；是不是 '{close}'？",
    ),
    "error.filter_known": (
        "{option} '{value}' matches no question; one of: {known}",
        "{option} '{value}' 没有匹配的题目；可选：{known}",
    ),
    "error.type_close": (
        "{option} '{value}' is not a question type; did you mean '{close}'?",
        "{option} '{value}' 不是题型；是不是 '{close}'？",
    ),
    "error.type_known": (
        "{option} '{value}' is not a question type; one of: {known}",
        "{option} '{value}' 不是题型；可选：{known}",
    ),
    "error.filter_tag": (
        "{option} '{value}' matches no question; `quizcli list --json` shows each question's tags",
        "{option} '{value}' 没有匹配的题目；`quizcli list --json` 会列出每道题的标签",
    ),
    "error.no_match": (
        "no question matches these filters; `quizcli list` shows what there is",
        "没有符合这些条件的题目；`quizcli list` 列出全部题目",
    ),
    "error.no_export": (
        "no questions to export; `quizcli lint` says why a bank does not load",
        "没有可导出的题目；`quizcli lint` 会说明题库为何无法加载",
    ),
    "error.export_into_data": (
        "{target} is quizcli's own data (in {home}); export somewhere else",
        "{target} 是 quizcli 自己的数据（在 {home} 中）；请导出到别处",
    ),
    "error.cannot_write": (
        "cannot write {target}: {reason}; choose another path",
        "无法写入 {target}：{reason}；请换一个路径",
    ),
    "error.exists": (
        "{target} exists; pass --force to replace it, or choose another path",
        "{target} 已存在；加上 --force 可覆盖，或换一个路径",
    ),
    "export.wrote_notes": ("wrote {n} notes to {path}", "已写入 {n} 张卡片到 {path}"),
    "error.check_both": (
        "give either ID ANSWER or --file FILE, not both",
        "请给出 ID ANSWER 或 --file FILE，不要同时给出",
    ),
    "error.check_neither": (
        "give a question id and an answer, or --file FILE",
        "请给出题目编号和答案，或 --file FILE",
    ),
    "error.wrong_kind": (
        "'{id}' is a {actual} question; `quizcli {command}` takes {wanted} questions "
        "(`quizcli list --type {kind}` lists them)",
        "'{id}' 是{actual}题；`quizcli {command}` 只接受{wanted}题"
        "（`quizcli list --type {kind}` 列出它们）",
    ),
    "error.cannot_read_file": (
        "{path}: cannot read ({reason}); give a UTF-8 text file",
        "{path}：无法读取（{reason}）；请给出 UTF-8 编码的文本文件",
    ),
    "error.tab_line": ("expected ID<TAB>ANSWER", "应为 ID<TAB>ANSWER 的格式"),
    "error.bank_formula": (
        "question '{id}' has an expression that does not parse ({detail}); run `quizcli lint`",
        "题目 '{id}' 中有无法解析的表达式（{detail}）；请运行 `quizcli lint`",
    ),
    "error.no_curve_like": (
        "no curve '{name}'; did you mean '{close}'?",
        "没有 '{name}' 这条曲线；是不是 '{close}'？",
    ),
    "error.no_curve": (
        "no curve '{name}'; choose from {names}",
        "没有 '{name}' 这条曲线；可选：{names}",
    ),
    "error.empty_range": (
        "--range {low} {high} is empty; give the lower bound first",
        "--range {low} {high} 是空区间；请先写下界",
    ),
    "error.overflow": (
        "{label} overflows on this range; choose a narrower --range",
        "{label} 在这个区间上溢出；请用更窄的 --range",
    ),
    "error.now_format": (
        "QUIZCLI_NOW is '{value}', not an ISO 8601 time such as 2025-03-01T09:00; fix or unset it",
        "QUIZCLI_NOW 是 '{value}'，不是 2025-03-01T09:00 这样的 ISO 8601 时间；请修正或删除它",
    ),
    "error.now_years": (
        "QUIZCLI_NOW is '{value}', outside the years {first}-{last} quizcli can schedule in; "
        "fix or unset it",
        "QUIZCLI_NOW 是 '{value}'，超出了 quizcli 能排期的 {first}-{last} 年；请修正或删除它",
    ),
    "error.db_cannot_write": (
        "cannot write the review database {path} ({detail}); check the disk space and "
        "permissions of that directory or set QUIZCLI_HOME",
        "无法写入复习记录数据库 {path}（{detail}）；请检查磁盘空间和该目录的权限，"
        "或设置 QUIZCLI_HOME",
    ),
    "error.db_damaged": (
        "the review database {path} is damaged ({detail}); run: quizcli doctor",
        "复习记录数据库 {path} 已损坏（{detail}）；请运行：quizcli doctor",
    ),
    "error.db_locked": (
        "the review database {path} is locked by another quizcli (waited up to {seconds}s); "
        "finish that session and try again",
        "复习记录数据库 {path} 被另一个 quizcli 占用（已等待 {seconds} 秒）；请结束那次练习后重试",
    ),
    "error.db_newer": (
        "the review database was written by a newer quizcli (migration {name}); "
        "upgrade quizcli: pip install -U quizcli",
        "复习记录数据库由更新版本的 quizcli 写入（迁移 {name}）；"
        "请升级 quizcli：pip install -U quizcli",
    ),
    # lint: the problems a bank file can have, and the summary.
    "lint.problems": ("{n} problem(s) in {files} file(s)", "{files} 个文件中有 {n} 个问题"),
    "lint.ok": ("ok: {n} questions in {files} file(s)", "正常：{files} 个文件，共 {n} 题"),
    "lint.topic": ("topic", "主题"),
    "lint.type": ("type", "题型"),
    "lint.difficulty": ("difficulty", "难度"),
    "lint.language": ("language", "语言"),
    "lint.too_large": (
        "larger than {mb} MB; split it into several files",
        "超过 {mb} MB；请拆成几个文件",
    ),
    "lint.cannot_read": ("cannot read: {reason}", "无法读取：{reason}"),
    "lint.not_utf8": (
        "not UTF-8 (byte {byte}); save the file as UTF-8",
        "不是 UTF-8 编码（第 {byte} 字节）；请以 UTF-8 保存文件",
    ),
    "lint.duplicate_key": (
        "duplicate key; YAML would keep only the last one, so remove one of them",
        "键重复；YAML 只会保留最后一个，请删掉其中一个",
    ),
    "lint.cut_short": (
        "text after ' #' is read as a YAML comment and dropped; quote the value",
        "' #' 之后的文字会被 YAML 当作注释丢掉；请给这个值加引号",
    ),
    "lint.not_mapping": (
        "a bank file is a mapping with format_version and questions",
        "题库文件应是包含 format_version 和 questions 的映射",
    ),
    "lint.header_key": (
        "unknown key; a bank file has only format_version and questions",
        "未知的键；题库文件只有 format_version 和 questions 两个键",
    ),
    "lint.no_version": (
        "is missing; this quizcli reads format_version: 1",
        "缺失；此版本的 quizcli 读取 format_version: 1",
    ),
    "lint.bad_version": (
        "is {version}; this quizcli reads format_version: 1",
        "是 {version}；此版本的 quizcli 读取 format_version: 1",
    ),
    "lint.no_questions": (
        "needs a list with at least one question",
        "需要一个至少含一道题的列表",
    ),
    "lint.duplicate_id": (
        "duplicate id; also defined at {first}; ids must be unique across all banks",
        "编号重复；{first} 处也定义了它；所有题库中的编号都必须唯一",
    ),
    "lint.missing": (
        "is missing; add it (see questions/README.md)",
        "缺失；请补上（见 questions/README.md）",
    ),
    "lint.extra": (
        "unknown key; remove it or fix its spelling (see questions/README.md)",
        "未知的键；请删除或改正拼写（见 questions/README.md）",
    ),
    "lint.bad_type": (
        "must be one of {types}",
        "必须是 {types} 之一",
    ),
    "lint.no_type": (
        "is missing; set type to one of {types}",
        "缺失；请把 type 设为 {types} 之一",
    ),
    "lint.want_text": ("must be text", "必须是文本"),
    "lint.want_int": ("must be a whole number", "必须是整数"),
    "lint.want_number": ("must be a number", "必须是数字"),
    "lint.want_bool": ("must be true or false", "必须是 true 或 false"),
    "lint.want_list": ("must be a list", "必须是列表"),
    "lint.want_mapping": ("must be a mapping of keys to values", "必须是键值映射"),
    "lint.literal": ("must be one of {expected}", "必须是 {expected} 之一"),
    "lint.ge": ("must be at least {limit}", "不能小于 {limit}"),
    "lint.gt": ("must be more than {limit}", "必须大于 {limit}"),
    "lint.le": ("must be at most {limit}", "不能大于 {limit}"),
    "lint.lt": ("must be less than {limit}", "必须小于 {limit}"),
    "lint.short_text": ("must have at least {n} character(s)", "至少要有 {n} 个字符"),
    "lint.long_text": ("must have at most {n} characters", "最多 {n} 个字符"),
    "lint.short_list": ("must have at least {n} item(s)", "至少要有 {n} 项"),
    "lint.long_list": ("must have at most {n} items", "最多 {n} 项"),
    "lint.pattern": (
        "must be a kebab-case slug such as relu-dying (lower-case words joined by -)",
        "必须是 relu-dying 这样的短横线小写编号",
    ),
    "lint.empty_text": (
        "is empty; write the text in this language",
        "是空的；请用这种语言写出内容",
    ),
    "lint.bad_letter": (
        "correct letter '{letter}' is not one of {letters}",
        "正确选项 '{letter}' 不在 {letters} 之中",
    ),
    "lint.letter_twice": ("correct lists a letter twice", "correct 中有重复的选项字母"),
    "lint.vector_size": ("a vector answer needs 1 to 16 numbers", "向量答案需要 1 到 16 个数"),
    "lint.symbol_name": (
        "symbol '{name}' is not a plain identifier such as x or s_i",
        "符号 '{name}' 不是 x 或 s_i 这样的普通标识符",
    ),
    "lint.not_a_symbol": (
        "{what} names '{name}', which is not in symbols",
        "{what} 中的 '{name}' 不在 symbols 里",
    ),
    "lint.wrt": ("wrt '{name}' is not in symbols", "wrt 中的 '{name}' 不在 symbols 里"),
    "lint.unknown_cause": (
        "unknown cause '{cause}'; use one of {causes}",
        "未知的原因 '{cause}'；请用 {causes} 之一",
    ),
    "lint.function_name": ("'{name}' is not a Python function name", "'{name}' 不是 Python 函数名"),
    "lint.module_name": (
        "'{module}' is not a module name such as scipy.special",
        "'{module}' 不是 scipy.special 这样的模块名",
    ),
    "lint.forbid_numpy": (
        "numpy is always allowed; forbid a module other than numpy",
        "numpy 总是允许使用；请禁用 numpy 以外的模块",
    ),
    "lint.not_defined": (
        "{field} does not define a function {name}()",
        "{field} 中没有定义函数 {name}()",
    ),
    "lint.not_python": (
        "is not valid Python: line {line}: {detail}",
        "不是合法的 Python 代码：第 {line} 行：{detail}",
    ),
    "lint.empty_domain": (
        "domain of '{name}' is empty: {low} >= {high}",
        "'{name}' 的 domain 是空的：{low} >= {high}",
    ),
    "lint.empty_assume": (
        "assume gives '{name}' an empty interval {interval}",
        "assume 给 '{name}' 的区间 {interval} 是空的",
    ),
    "lint.series_kind": (
        "a series has either points or a curve, not both or neither",
        "一条数据序列要么给 points，要么给 curve，不能都给或都不给",
    ),
    "lint.points_shape": (
        "a series of points needs a name and takes no range",
        "由 points 组成的序列需要 name，且不能有 range",
    ),
    "lint.points_order": ("the points' x values must increase", "points 的 x 值必须递增"),
    "lint.empty_range": (
        "range {range} is empty; give the lower bound first",
        "range {range} 是空区间；请先写下界",
    ),
    "lint.private_source": (
        "'{source}' names a private note no reader can open; cite the paper, book or "
        "framework documentation the fact comes from",
        "'{source}' 是读者无法查看的私人笔记；请引用该事实出处的论文、书籍或框架文档",
    ),
    "lint.empty_source": (
        "a source is empty; cite a paper, book or framework documentation",
        "出处是空的；请引用论文、书籍或框架文档",
    ),
    "lint.yaml_syntax": (
        "YAML syntax: {detail} (check indentation, colons and quotes)",
        "YAML 语法错误：{detail}；请检查缩进、冒号和引号",
    ),
    # What PyYAML's problems mean; English output quotes PyYAML itself, Chinese says these.
    "yaml.end_of_stream": (
        "the file ends before a value is finished (a closing quote?)",
        "文件在一个值写完之前就结束了（可能少了闭合的引号）",
    ),
    "yaml.mapping_values": (
        "a `key: value` cannot start here (indentation, or an unquoted colon?)",
        "这里不能出现“键: 值”（可能是缩进不对，或值里有未加引号的冒号）",
    ),
    "yaml.expected_colon": ("a ':' is missing", "找不到应有的 ':'"),
    "yaml.expected_key": ("a key is missing (indentation?)", "找不到应有的键（可能是缩进不对）"),
    "yaml.block_end": ("the indentation is inconsistent", "缩进不一致"),
    "yaml.bad_character": (
        "a character that cannot start a value (a tab, or an unquoted @ or `)",
        "有不能出现在这里的字符（例如制表符或未加引号的 @、`）",
    ),
    "yaml.undefined_alias": ("an alias that is never defined", "用到了未定义的别名"),
    "yaml.other": ("the file's structure cannot be read", "文件结构无法解析"),
    "lint.too_deep": ("nested more than {n} levels deep", "嵌套超过 {n} 层"),
    "lint.key_not_text": (
        "a key must be plain text, not a list or mapping",
        "键必须是普通文本，不能是列表或映射",
    ),
    "lint.recursive_alias": (
        "recursive alias: an alias (*name) may not point to a value that contains it",
        "递归别名：别名（*name）不能指向包含它自身的值",
    ),
    "lint.alias_bomb": (
        "aliases expand to more than {n} values; write the values out instead",
        "别名展开后超过 {n} 个值；请直接写出这些值",
    ),
    "lint.yaml_tag": (
        "unsupported YAML tag {tag}: bank files hold plain text, numbers and lists; remove the tag",
        "不支持的 YAML 标签 {tag}：题库文件只含文本、数字和列表；请删除该标签",
    ),
    "lint.unknown_function": (
        "'{name}' is not a function the checker knows ({known})",
        "'{name}' 不是检查器认识的函数（{known}）",
    ),
    "lint.reference_forbidden": (
        "the reference uses {name}, which the answer may not",
        "参考答案用了 {name}，而答案不允许使用它",
    ),
    "lint.sampled_outside": (
        "{name} is declared {what} but sampled over {shown}",
        "{name} 声明为 {what}，但取样区间是 {shown}",
    ),
    "lint.sampled_one_sign": (
        "{name} is declared {what} but sampled only over {shown}; sample both signs, or "
        "declare its sign in `assume` and state it in the prompt",
        "{name} 声明为 {what}，但只在 {shown} 上取样；请取正负两种符号，"
        "或在 `assume` 中声明其符号并在题干中说明",
    ),
    "lint.interval": ("in {interval}", "在 {interval} 内"),
    "lint.formula": (
        "{detail}; see the grammar in questions/README.md",
        "{detail}；语法见 questions/README.md",
    ),
    # Why a file could not be read or written, by the operating system's error number.
    "os.ENOENT": ("no such file or directory", "文件或目录不存在"),
    "os.EACCES": ("permission denied", "没有权限"),
    "os.EPERM": ("operation not permitted", "操作不被允许"),
    "os.EISDIR": ("it is a directory", "这是一个目录"),
    "os.ENOTDIR": ("a part of the path is not a directory", "路径中有一部分不是目录"),
    "os.ENOSPC": ("no space left on the device", "磁盘空间不足"),
    "os.EROFS": ("read-only file system", "文件系统只读"),
    "os.EEXIST": ("it already exists", "已经存在"),
    "os.not_utf8": ("not UTF-8 text", "不是 UTF-8 文本"),
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


@dataclass(frozen=True)
class Pair:
    """Text already written in both languages (a checker diagnosis) used as a field value."""

    en: str
    zh: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:
        return self.en


def msg(key: str, /, **fields: object) -> Message:
    """A message to say later; an unknown key fails here, where it is written."""
    if key not in CATALOGUE:
        raise KeyError(key)
    return Message(key, fields)


def say(key: str, lang: str, /, **fields: object) -> str:
    """The entry in `lang` (English unless zh), filled in; a Message value is said in `lang` too."""
    en, zh = CATALOGUE[key]
    values = {k: v.text(lang) if isinstance(v, Message | Pair) else v for k, v in fields.items()}
    return (zh if lang == "zh" else en).format(**values)


def both(key: str, /, **fields: object) -> tuple[str, str]:
    """The entry in English and in Chinese, for what keeps both (a code run's report)."""
    return say(key, "en", **fields), say(key, "zh", **fields)


def reason(exc: BaseException) -> Pair:
    """Why a file operation failed: the operating system's own words in English, the
    catalogue's in Chinese for the common error numbers (else the system's words again)."""
    import errno

    words = str(getattr(exc, "strerror", None) or exc)
    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    if isinstance(exc, UnicodeDecodeError):
        name = "not_utf8"
    key = f"os.{name}"
    return Pair(words, say(key, "zh") if key in CATALOGUE else words)


def has(key: str) -> bool:
    return key in CATALOGUE


def term(kind: str, value: object, lang: str) -> str:
    """A topic, type, phase or mode by name; one the catalogue does not know (a user's own
    topic) is shown as written."""
    key = f"{kind}.{value}"
    return say(key, lang) if key in CATALOGUE else str(value)
