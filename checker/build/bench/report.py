"""The benchmark's figures as a table (printed, and published as docs/performance.md) with the budgets
of issue 13 next to them. Medians with the spread (min–max) of the runs; p50/p95 for per-answer times."""
from __future__ import annotations

import datetime
import os
import shlex

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PAGE = os.path.join(ROOT, "docs", "performance.md")


def command(args) -> str:
    parts = ["scripts/bench"]
    if args.smoke:
        parts.append("--smoke")
    else:
        defaults = {"runs": 5, "changes": 240, "times": 10, "build_runs": 5}
        for name, default in defaults.items():
            if getattr(args, name) != default:
                parts.append(f"--{name.replace('_', '-')} {getattr(args, name)}")
    if args.publish:
        parts.append("--publish")
    return " ".join(shlex.quote(p) if " " not in p else p for p in parts)


def _s(stat: dict) -> str:
    return f"{stat['median']:.2f} с ({stat['min']:.2f}–{stat['max']:.2f})".replace(".", ",")


def _sec(value: float) -> str:
    return f"{value:.1f} с".replace(".", ",")


def _ms(stat: dict) -> str:
    return f"{stat['median']:.1f} / {stat['p95']:.1f} мс".replace(".", ",")


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} КБ".replace(",", " ")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} МБ".replace(".", ",")


def _ok(value: float, limit: float) -> str:
    """Judged on the value as shown (two decimals): finer than that is below the noise of any run."""
    return "да" if round(value, 2) <= limit else "**нет**"


def rows(f: dict) -> list[tuple[str, str, str, str]]:
    """(figure, measured, budget, met) for every figure of one run."""
    floor, checker, answers, weight = f["floor"], f["checker"], f["answers"], f["weight"]
    fast, stock = checker["pyc"], checker["source"]
    ratio = fast["cold"]["ready_s"]["median"] / floor["pyc"]["cold"]["ready_s"]["median"]
    ratio_stock = fast["cold"]["ready_s"]["median"] / floor["source"]["cold"]["ready_s"]["median"]
    x1, xn = f["build"]["x1"], f["build"]["xN"]
    times = xn["times"]
    growth = xn["mkdocs_s"]["median"] / x1["mkdocs_s"]["median"]
    cp1, cpn = f["cpython"]["x1"], f["cpython"]["xN"]
    eval_growth = cpn["what_if_ms"]["p95"] / max(cp1["what_if_ms"]["p95"], 1e-9)
    out = [
        ("Нижняя граница: пустая страница, только `loadPyodide()`, библиотека из исходников, холодный старт",
         _s(floor["source"]["cold"]["ready_s"]), "—", ""),
        ("Нижняя граница с библиотекой в `.pyc` (те же файлы, что у проверки): холодный / повторный",
         f"{_s(floor['pyc']['cold']['ready_s'])} / {_s(floor['pyc']['warm']['ready_s'])}", "—", ""),
        ("Проверка готова к ответам, холодный старт", _s(fast["cold"]["ready_s"]), "≤ 2,0 с",
         _ok(fast["cold"]["ready_s"]["median"], 2.0)),
        ("Проверка готова, повторный визит", _s(fast["warm"]["ready_s"]), "≤ 0,8 с",
         _ok(fast["warm"]["ready_s"]["median"], 0.8)),
        ("Первый результат после ответа, данного сразу при открытии: холодный / повторный",
         f"{_s(fast['cold']['first_result_s'])} / {_s(fast['warm']['first_result_s'])}", "—", ""),
        ("Накладные расходы: проверка ÷ нижняя граница (та же библиотека `.pyc`), холодный старт",
         f"{ratio:.2f}".replace(".", ","), "≤ 1,15", _ok(ratio, 1.15)),
        ("То же против нижней границы с библиотекой из исходников", f"{ratio_stock:.2f}".replace(".", ","), "—", ""),
        (f"Ответ → вердикт на странице, p50 / p95 (изменений: {answers['changes']}, "
         f"территорий: {len(answers['jurisdictions'])})", _ms(answers["verdict_ms"]), "—", ""),
        ("Ответ → результат вместе с «что изменит результат», p50 / p95", _ms(answers["complete_ms"]),
         "p95 ≤ 50 мс", _ok(answers["complete_ms"]["p95"], 50)),
        ("Вердикт в worker (оценка и HTML), p50 / p95",
         _ms(answers["worker_eval_ms"]) if answers["worker_eval_ms"] else "нет данных", "p95 ≤ 5 мс",
         _ok(answers["worker_eval_ms"]["p95"], 5) if answers["worker_eval_ms"] else "**нет**"),
        ("«Что изменит результат» в worker, p50 / p95",
         _ms(answers["worker_what_if_ms"]) if answers["worker_what_if_ms"] else "нет данных", "—", ""),
        ("`evaluate()` в CPython без / с «что изменит», p50 / p95",
         f"{_ms(cp1['core_ms'])}; {_ms(cp1['what_if_ms'])}", "—", ""),
        ("То же, что делает worker (`Session.evaluate`: оценка, HTML, JSON) в CPython, без / с «что изменит»",
         f"{_ms(cp1['session']['core_ms'])}; {_ms(cp1['session']['what_if_ms'])}", "—", ""),
        ("Страница проверки, холодная загрузка: байты (как есть / gzip), запросы",
         f"{_mb(weight['checker']['raw_bytes'])} / {_mb(weight['checker']['gzip_bytes'])}, "
         f"{weight['checker']['requests']}", "—", ""),
        ("Главная страница, холодная загрузка с поисковым индексом: gzip, запросы",
         f"{_kb(weight['home']['gzip_bytes'])}, {weight['home']['requests']}", "≤ 400 КБ",
         _ok(weight["home"]["gzip_bytes"], 400 * 1024)),
        (f"Самая тяжёлая страница базы знаний (`{weight['kb_heaviest']['path']}`): gzip, запросы",
         f"{_kb(weight['kb_heaviest']['gzip_bytes'])}, {weight['kb_heaviest']['requests']}", "≤ 400 КБ",
         _ok(weight["kb_heaviest"]["gzip_bytes"], 400 * 1024)),
        (f"Поисковый индекс ×1 / ×{times} (gzip)",
         f"{_kb(x1['search_index_gzip'])} / {_kb(xn['search_index_gzip'])}", "—", ""),
        (f"Сборка сайта `mkdocs build` ×1 (страниц: {x1['pages']})", _s(x1["mkdocs_s"]), "≤ 15 с",
         _ok(x1["mkdocs_s"]["median"], 15)),
        (f"Сборка сайта с критериями ×{times} (документов: {xn['documents']}, страниц: {xn['pages']})",
         _s(xn["mkdocs_s"]), f"рост ≤ ×{times}", _ok(growth, times)),
        (f"Рост времени сборки ×{times} ÷ ×1", f"×{growth:.1f}".replace(".", ","), f"≤ ×{times}", _ok(growth, times)),
        (f"Сборка пакета данных (`python -m checker.build`, один замер) ×1 / ×{times}",
         f"{cp1['bundle_build_s']:.1f} / {cpn['bundle_build_s']:.1f} с".replace(".", ","), f"рост ≤ ×{times}",
         _ok(cpn["bundle_build_s"] / max(cp1["bundle_build_s"], 1e-9), times)),
        (f"`evaluate()` в CPython при ×{times}: без / с «что изменит», p50 / p95",
         f"{_ms(cpn['core_ms'])}; {_ms(cpn['what_if_ms'])}", "рост ≤ линейного",
         _ok(eval_growth, times)),
    ]
    return out


def lever_rows(f: dict) -> list[tuple[str, ...]]:
    c = f["checker"]
    variants = (c["source"], c["pyc"], c["engine_pyc"])
    z = f["weight"]["stdlib_zip"]

    def row(title, mode, key):
        return (title, *[_s(v[mode][key]) if v[mode].get(key) else "—" for v in variants])

    return [
        row("Проверка готова, холодный старт", "cold", "ready_s"),
        row("Проверка готова, повторный визит", "warm", "ready_s"),
        row("Первый результат, холодный старт", "cold", "first_result_s"),
        row("Из них запуск worker (Pyodide, движок, данные), холодный старт", "cold", "worker_boot_s"),
        ("Нижняя граница, холодный старт", _s(f["floor"]["source"]["cold"]["ready_s"]),
         _s(f["floor"]["pyc"]["cold"]["ready_s"]), "—"),
        ("Файл `python_stdlib.zip`: как есть / gzip",
         f"{_mb(z['source']['raw_bytes'])} / {_mb(z['source']['gzip_bytes'])}",
         f"{_mb(z['pyc']['raw_bytes'])} / {_mb(z['pyc']['gzip_bytes'])}", "то же"),
    ]


def notes(f: dict) -> list[str]:
    """For each budget not met: the figure, what was tried with its measured effect, what limits it."""
    out = []
    c, floor, answers, weight = f["checker"], f["floor"], f["answers"], f["weight"]
    fast, stock, eng = c["pyc"], c["source"], c["engine_pyc"]
    med = lambda v, mode, key="ready_s": v[mode][key]["median"]     # noqa: E731
    cold_ok = med(fast, "cold") <= 2.0 and med(fast, "warm") <= 0.8
    ratio = med(fast, "cold") / med(floor["pyc"], "cold")
    if not cold_ok or ratio > 1.15:
        out.append(
            f"**Старт проверки** (холодный {_s(fast['cold']['ready_s'])}, повторный {_s(fast['warm']['ready_s'])}). "
            f"Нижняя граница — сам Pyodide: {_s(floor['pyc']['cold']['ready_s'])} с той же библиотекой. "
            f"Стандартная библиотека в `.pyc`: холодный старт {_s(stock['cold']['ready_s'])} → "
            f"{_s(fast['cold']['ready_s'])}, нижняя граница {_s(floor['source']['cold']['ready_s'])} → "
            f"{_s(floor['pyc']['cold']['ready_s'])}; цена — файл библиотеки больше на "
            f"{_mb(weight['stdlib_zip']['pyc']['gzip_bytes'] - weight['stdlib_zip']['source']['gzip_bytes'])} (gzip). "
            f"Движок тоже в `.pyc`: {_s(eng['cold']['ready_s'])} (не включено на сайте). "
            "Worker запускается сразу при открытии страницы, «что изменит результат» считается после показа "
            "вердикта. Не пробовали: снимок памяти Pyodide (закрытый API, привязан к точной сборке Pyodide, "
            "≈ 4,7 МБ gzip сверху)."
            + (f" Сверх Pyodide worker загружает движок и данные правил (`bundle.json`, "
               f"{_mb(f['cpython']['x1']['bundle_bytes'])}), разбирает их и импортирует движок." if ratio > 1.15 else ""))
    worker = answers.get("worker_eval_ms")
    session, core = f["cpython"]["x1"]["session"]["core_ms"], f["cpython"]["x1"]["core_ms"]
    if (worker and worker["p95"] > 5) or answers["complete_ms"]["p95"] > 50:
        out.append(
            f"**Время ответа.** Сама оценка в CPython — {_ms(core)}, но worker за один ответ ещё и готовит HTML "
            f"результата (`checker/present.py`, `checker/render_html.py`): то же в CPython занимает {_ms(session)}, "
            "в WebAssembly — в 2–3 раза дольше.")
    for key in ("home", "kb_heaviest"):
        page = weight[key]
        if page["gzip_bytes"] > 400 * 1024:
            top = page["largest_gzip"][0]
            out.append(
                f"**Вес страницы базы знаний** (`{page.get('path', '/')}`: {_kb(page['gzip_bytes'])} gzip). "
                f"Больше всего весит `{top['path'].rsplit('/', 1)[-1]}` — {_kb(top['gzip_bytes'])}"
                + (": библиотека схем Mermaid загружается на каждой странице со схемой; без неё страница весила бы "
                   f"{_kb(page['gzip_bytes'] - top['gzip_bytes'])}. Выход — рисовать схемы в SVG при сборке."
                   if "mermaid" in top["path"] else "."))
    x1, xn = f["build"]["x1"], f["build"]["xN"]
    cp1, cpn = f["cpython"]["x1"], f["cpython"]["xN"]
    if cpn["bundle_build_s"] / max(cp1["bundle_build_s"], 1e-9) > xn["times"]:
        out.append(
            f"**Сборка пакета данных** растёт быстрее содержания: ×1 {_sec(cp1['bundle_build_s'])}, ×{xn['times']} "
            f"{_sec(cpn['bundle_build_s'])}. Быстрее всего растёт связывание толкований с пунктами "
            "(`link_interpretations` в `checker/build/compile.py` перебирает все пункты для каждого толкования).")
    if x1["mkdocs_s"]["median"] > 15 or xn["mkdocs_s"]["median"] / x1["mkdocs_s"]["median"] > xn["times"]:
        out.append(
            f"**Сборка сайта**: ×1 {_s(x1['mkdocs_s'])}, ×{xn['times']} {_s(xn['mkdocs_s'])}; страниц "
            f"{x1['pages']} → {xn['pages']}, поисковый индекс {_kb(x1['search_index_gzip'])} → "
            f"{_kb(xn['search_index_gzip'])} gzip.")
    return out


def _markdown(header, body) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def heaviest_files(f: dict) -> str:
    lines = []
    for key, title in (("checker", "страница проверки"), ("kb_heaviest", "самая тяжёлая страница базы знаний")):
        files = ", ".join(f"`{x['path'].rsplit('/', 1)[-1] or x['path']}` {_kb(x['gzip_bytes'])}"
                          for x in f["weight"][key]["largest_gzip"][:3])
        lines.append(f"- Больше всего весят ({title}, gzip): {files}.")
    return "\n".join(lines)


def table(f: dict) -> str:
    main = _markdown(("Показатель", "Измерено: медиана (разброс)", "Бюджет", "Выполнен"), rows(f))
    levers = _markdown(("Способ ускорить старт", "библиотека из исходников", "библиотека в `.pyc` (как на сайте)",
                        "и движок в `.pyc`"), lever_rows(f))
    unmet = notes(f)
    return (main + "\n\n" + heaviest_files(f) + "\n\n" + levers
            + ("\n\n**Что не уложилось в бюджет и почему**\n\n" + "\n".join(f"- {n}" for n in unmet) if unmet else ""))


def _machine(m: dict) -> str:
    load = ", ".join(f"{x:.1f}" for x in m.get("load_at_start", []))
    end = ", ".join(f"{x:.1f}" for x in m.get("load_at_end", []))
    return (f"{m['cpu']}, ядер: {m['cores']}, память {m['memory']}; {m['os']}; Python {m['python']}; "
            f"{m['chromium']}. Средняя загрузка (1, 5, 15 мин) в начале: {load}; в конце: {end}.")


def publish(f: dict, path: str = PAGE) -> str:
    """Write the «Производительность» page from one run's figures."""
    s = f["settings"]
    today = datetime.date.today().isoformat()
    text = f"""# Производительность

Проверка работает прямо в браузере: Python (Pyodide) загружается на страницу вместе с правилами, и ответы
никуда не отправляются. Цена этого — первая загрузка. Здесь — сколько она занимает на самом деле, рядом
с нижней границей: пустой страницей, которая запускает те же файлы Pyodide и больше ничего не делает.
Быстрее нижней границы проверка стать не может; чем ближе к ней, тем меньше мы добавляем сверх Pyodide.

Все числа — из одного запуска ({today}). Время — медиана из {s['runs']} запусков, в скобках — самое
быстрое и самое медленное; для ответов — медиана (p50) и 95-й процентиль (p95) по {s['changes']} изменениям
ответов на разных территориях и в разных ролях. «Холодный старт» — браузер с пустым кешем, «повторный
визит» — второй заход в том же браузере. Сайт отдавался с этого же компьютера, поэтому время сети здесь
почти нулевое: на телефоне и медленном интернете загрузка будет дольше, больше всего — из-за объёма файлов.

{table(f)}

Pyodide {f['pyodide']['version']}. Как сравнивали стандартную библиотеку: {s['levers']}.

## На каком компьютере

{_machine(f['machine'])}

## Как повторить

```
{f['command']}
```

Команда собирает сайт, открывает его в Chromium (Playwright), пишет таблицу и все числа в
`build/bench.json`; с `--publish` — и эту страницу.
"""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path
