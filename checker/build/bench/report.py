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


def _x(stat: dict, sign: str = "") -> str:
    """A ratio taken run by run: its median (min–max)."""
    return f"{sign}{stat['median']:.2f} ({sign}{stat['min']:.2f}–{sign}{stat['max']:.2f})".replace(".", ",")


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
    fast, stock, early = checker["pyc"], checker["source"], f["first_answer"]
    ratio, ratio_stock = f["overhead"]["pyc"], f["overhead"]["source"]
    x1, xn = f["build"]["x1"], f["build"]["xN"]
    times = xn["times"]
    growth, bundle_growth = f["build"]["growth"], f["cpython"]["bundle_growth"]
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
         f"{_s(early['cold']['first_result_s'])} / {_s(early['warm']['first_result_s'])}", "—", ""),
        ("Готова к ответам в тех же визитах (пока страница стартует, в ней работает Playwright: отвечает за "
         "человека), холодный / повторный", f"{_s(early['cold']['ready_s'])} / {_s(early['warm']['ready_s'])}",
         "—", ""),
        ("Накладные расходы: проверка ÷ нижняя граница (та же библиотека `.pyc`), холодный старт, по кругам",
         _x(ratio), "≤ 1,15", _ok(ratio["median"], 1.15)),
        ("То же против нижней границы с библиотекой из исходников", _x(ratio_stock), "—", ""),
        (f"Ответ → вердикт на странице, p50 / p95 (изменений: {answers['changes']}, "
         f"территорий: {len(answers['jurisdictions'])})", _ms(answers["verdict_ms"]), "—", ""),
        ("Ответ → результат вместе с «что изменит результат», p50 / p95", _ms(answers["complete_ms"]),
         "p95 ≤ 50 мс", _ok(answers["complete_ms"]["p95"], 50)),
        *_worker_rows(answers, "сразу после первого, холодного старта"),
        ("«Что изменит результат» в worker, p50 / p95",
         _ms(answers["worker_what_if_ms"]) if answers["worker_what_if_ms"] else "нет данных", "—", ""),
        *_repeat_rows(f.get("answers_repeat")),
        ("`evaluate()` в CPython без / с «что изменит», p50 / p95",
         f"{_ms(cp1['core_ms'])}; {_ms(cp1['what_if_ms'])}", "—", ""),
        ("То же, что делает worker (`Session.evaluate`: оценка, HTML, JSON) в CPython, без / с «что изменит»",
         f"{_ms(cp1['session']['core_ms'])}; {_ms(cp1['session']['what_if_ms'])}", "—", ""),
        ("Страница проверки, холодная загрузка до готовности: байты (как есть / gzip), запросы",
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
         _s(xn["mkdocs_s"]), "—", ""),
        (f"Рост времени сборки сайта ×{times} ÷ ×1, по парам сборок", _x(growth, "×"), f"≤ ×{times}",
         _ok(growth["median"], times)),
        (f"Сборка пакета данных (`python -m checker.build`) ×1 / ×{times}",
         f"{_s(cp1['bundle_build_s'])} / {_s(cpn['bundle_build_s'])}", "—", ""),
        (f"Рост времени сборки пакета ×{times} ÷ ×1, по парам сборок", _x(bundle_growth, "×"), f"≤ ×{times}",
         _ok(bundle_growth["median"], times)),
        (f"`evaluate()` в CPython при ×{times}: без / с «что изменит», p50 / p95",
         f"{_ms(cpn['core_ms'])}; {_ms(cpn['what_if_ms'])}", "рост ≤ линейного",
         _ok(eval_growth, times)),
    ]
    return out


VARIANT_TITLES = {
    "pyc": "Как на сайте: библиотека и движок в `.pyc`, снимок памяти для повторных визитов",
    "no_snapshot": "Без снимка памяти",
    "engine_source": "Движок из исходников (`.py`)",
    "source": "Ничего из этого: библиотека и движок из исходников, без снимка",
}
START_NAMES = {"normal": "обычный", "snapshot": "из снимка"}


def _starts(stat: dict) -> str:
    return ", ".join(f"{START_NAMES.get(k, k)}: {n}" for k, n in (stat.get("starts") or {}).items()) or "—"


def _repeat_rows(repeat: dict | None) -> list:
    """The same answer changes on a repeat visit (started from the snapshot, caches filled)."""
    if not repeat:
        return []
    how = START_NAMES.get(repeat.get("start"), repeat.get("start"))
    return [
        (f"То же при повторном визите (старт: {how}): ответ → результат с «что изменит», p50 / p95",
         _ms(repeat["complete_ms"]), "p95 ≤ 50 мс", _ok(repeat["complete_ms"]["p95"], 50)),
        *_worker_rows(repeat, "при повторном визите"),
    ]


def _worker_rows(answers: dict, when: str) -> list:
    """The core verdict (the rules alone, `evaluate()`) has the budget; the whole answer in the worker —
    the rules, the texts of the result and its HTML — is shown beside it."""
    rules, whole = answers.get("worker_rules_ms"), answers.get("worker_eval_ms")
    return [
        (f"Ядро вердикта в worker — оценка правил (`evaluate()`), p50 / p95, {when}",
         _ms(rules) if rules else "нет данных", "p95 ≤ 5 мс", _ok(rules["p95"], 5) if rules else "**нет**"),
        (f"Вердикт в worker целиком: оценка, тексты и HTML результата, p50 / p95, {when}",
         _ms(whole) if whole else "нет данных", "—", ""),
    ]


def lever_rows(f: dict) -> list[tuple[str, ...]]:
    """One row per way of serving the same build: each start-up lever switched off in turn."""
    out = []
    for key, title in VARIANT_TITLES.items():
        v = f["checker"].get(key)
        if not v:
            continue
        boot = v["cold"].get("worker_boot_s")
        out.append((title, _s(v["cold"]["ready_s"]), _s(v["warm"]["ready_s"]), _starts(v["warm"]),
                    _s(boot) if boot else "—"))
    return out


PHASE_TITLES = (("origin", "Worker запущен (от начала загрузки страницы)"),
                ("pyodide", "Pyodide запущен (от запуска worker)"),
                ("engine", "Движок импортирован"),
                ("bundle", "Правила загружены — проверка готова"))


def phase_rows(f: dict) -> list[tuple[str, ...]]:
    built = f["checker"]["pyc"]
    rows_ = []
    for key, title in PHASE_TITLES:
        cells = []
        for mode in ("cold", "warm"):
            stat = (built[mode].get("phases_ms") or {}).get(key)
            cells.append(f"{stat['median']:.0f} мс" if stat else "—")
        rows_.append((title, *cells))
    return rows_


def notes(f: dict) -> list[str]:
    """For each budget not met: the figure, what was tried with its measured effect, what limits it."""
    out = []
    c, floor, answers, weight = f["checker"], f["floor"], f["answers"], f["weight"]
    fast, stock = c["pyc"], c["source"]
    plain, engine = c.get("no_snapshot"), c.get("engine_source")
    med = lambda v, mode, key="ready_s": v[mode][key]["median"]     # noqa: E731
    ratio = f["overhead"]["pyc"]["median"]
    snap = weight.get("snapshot")
    phases = fast["cold"].get("phases_ms") or {}
    stdlib = weight.get("stdlib_zip") or {}
    if round(med(fast, "cold"), 2) > 2.0 or round(ratio, 2) > 1.15:
        tried = [f"стандартная библиотека в `.pyc` (без всех рычагов холодный старт {_s(stock['cold']['ready_s'])})"]
        if engine:
            tried.append(f"движок в `.pyc`: {_s(engine['cold']['ready_s'])} → {_s(fast['cold']['ready_s'])}")
        if stdlib.get("pyc_whole"):
            tried.append(f"из стандартной библиотеки отдаются только модули, которые нужны движку: "
                         f"{_mb(stdlib['pyc_whole']['gzip_bytes'])} → {_mb(stdlib['pyc']['gzip_bytes'])} на первом "
                         "визите (на телефоне это секунды; здесь сеть локальная, и по времени разницы нет)")
        tried.append("в пакете правил для worker нет HTML-версий текстов, нужных только базе знаний (1,6 → 1,2 МБ)")
        tried.append("worker запускается крошечным скриптом в начале `<head>`, до разбора длинной страницы, "
                     "а «что изменит результат» считается после показа вердикта")
        tried.append("скрипт темы Material (меню, поиск, подсказки) на странице проверки ждёт, пока проверка "
                     "будет готова, или первого касания шапки (A/B, 3 × 6 холодных визитов: медиана −0,14 с)")
        tried.append("движок при запуске импортирует меньше — своё экранирование HTML вместо модуля `html` (его "
                     "таблица сущностей — около 20 мс), `difflib` только при ошибочном ответе, обычные классы "
                     "вместо dataclasses (те при импорте выполняют сгенерированный код), — а правила получает "
                     "байтами через файловую систему Pyodide, а не строкой JavaScript в 1 МБ (A/B, по 8 холодных "
                     "визитов: импорт 118 → 37 мс, чтение правил 115 → 75 мс, готовность 2,14 → 1,86 с по медиане)")
        timing = ""
        if all(k in phases for k in ("origin", "pyodide", "engine", "bundle")):
            timing = (f"сверх запуска самого Pyodide в worker ({phases['pyodide']['median']:.0f} мс) — запуск worker "
                      f"({phases['origin']['median']:.0f} мс от начала загрузки страницы), импорт движка "
                      f"({phases['engine']['median'] - phases['pyodide']['median']:.0f} мс) и чтение правил "
                      f"({phases['bundle']['median'] - phases['engine']['median']:.0f} мс) в WebAssembly, который ещё "
                      "не перекомпилирован в быстрый код. ")
        out.append(
            f"**Холодный старт и накладные расходы**: {_s(fast['cold']['ready_s'])} против "
            f"{_s(floor['pyc']['cold']['ready_s'])} у нижней границы (×{ratio:.2f})".replace(".", ",", 1)
            + ". Что сделано: " + "; ".join(tried) + ". Что ограничивает: " + timing
            + ("По" if timing else "по") + " трассе Chromium холодного визита (отдельный замер) сам запуск Pyodide в "
            "worker длится почти столько же, сколько на пустой странице (около 1,0 с против 0,97 с), но начинается "
            "на 80 мс позже: поток worker, его скрипт и загрузчик Pyodide приходят друг за другом, а пустая "
            "страница зовёт загрузчик сразу. Основной поток страницы проверки занят около 0,35 с в первые 0,65 с "
            "(разбор длинной формы, стили, вёрстка), и на двух ядрах это время отнимается у worker и у фоновой "
            "компиляции WebAssembly; потом он свободен до готовности. Разброс отношения по кругам велик: машина "
            "общая, и соседние задачи замедляют то один визит, то другой. Что ещё "
            "проверили и не взяли (A/B, 3 × 6 холодных визитов, разброс ±0,1–0,2 с): форма без раскрывающихся "
            "пояснений «почему спрашиваем» и `content-visibility` для вопросов — без заметного эффекта; подсказки "
            "`preload` для файлов Pyodide и правил в `<head>` страницы (A/B, по 10 холодных визитов: 1,99 → 2,23 с) — "
            "хуже: worker не берёт копию, загруженную страницей, и запрашивает каждый файл ещё раз; подсказка V8 "
            "`//# allFunctionsCalledOnLoad` в начале `pyodide.asm.mjs` (компилировать все функции сразу; A/B, 8 кругов: "
            "холодный старт ×1,05, повторный ×1,08 — не быстрее). "
            "Первый визит снимок памяти не использует нарочно: ещё "
            + (_mb(snap["wire_bytes"]) if snap else "несколько МБ")
            + " на пути к первому ответу на телефоне стоили бы дольше, чем сэкономили бы.")
    if round(med(fast, "warm"), 2) > 0.8:
        out.append(
            f"**Повторный визит**: {_s(fast['warm']['ready_s'])}; нижняя граница повторного визита — голый "
            f"Pyodide из кеша браузера — {_s(floor['pyc']['warm']['ready_s'])}, то есть бюджет ниже самой границы. "
            + (f"Что сделано: снимок памяти, в котором Python уже запущен, движок импортирован, правила прочитаны и "
               f"кеши заполнены: без него {_s(plain['warm']['ready_s'])}"
               + (f"; он весит {_mb(snap['wire_bytes'])} (gzip, {_mb(snap['inflated_bytes'])} в памяти), "
                  "скачивается service worker'ом после того, как проверка готова, и хранится распакованным"
                  if snap else "") + "; " if plain else "Что сделано: ")
            + "снимок читается из кеша, пока Pyodide загружает свои файлы (ожидание в worker 150 → 40 мс, "
            "готовность — без изменений). Что ограничивает (трасса Chromium повторного визита): JavaScript "
            "Pyodide (`pyodide.asm.mjs`, 1,2 МБ) в worker компилируется и выполняется заново при каждом визите — "
            "около 0,2 с; WebAssembly берётся из кеша кода V8 — около 0,1 с; восстановление снимка и первая "
            "компиляция вызываемых функций — около 0,4 с.")
    worker, rules = answers.get("worker_eval_ms"), answers.get("worker_rules_ms")
    session, core = f["cpython"]["x1"]["session"]["core_ms"], f["cpython"]["x1"]["core_ms"]
    if not rules or rules["p95"] > 5 or answers["complete_ms"]["p95"] > 50:
        out.append(
            f"**Время ответа** (вердикт в worker {_ms(worker) if worker else 'нет данных'} сразу после первого "
            f"старта" + (f", {_ms(f['answers_repeat']['worker_eval_ms'])} при повторном визите"
                         if (f.get("answers_repeat") or {}).get("worker_eval_ms") else "") + "). Сама оценка в "
            f"CPython — {_ms(core)}; worker за один ответ ещё и готовит HTML результата (`checker/present.py`, "
            f"`checker/render_html.py`): то же в CPython — {_ms(session)}"
            + (f", в WebAssembly в {worker['median'] / max(session['median'], 1e-9):.1f} раза дольше по медиане"
               .replace(".", ",") if worker else "")
            + ". Что сделано: «что изменит результат» перепроверяет только условия, которые читают изменённый "
            "ответ (`checker/outcome.py`: в CPython с 7,9 до 1,3 мс по медиане); ссылки, Markdown, расшифровки "
            "сокращений и толкования не пересчитываются от ответа к ответу, а заполняются, пока никто не "
            "отвечает (при повторном визите — уже в снимке памяти); «что изменит» считается после показа "
            "вердикта. Что ограничивает: WebAssembly в несколько раз медленнее CPython на этом коде, а p95 "
            "задают самые тяжёлые ответы — с десятками отмеченных признаков, где результат — десятки пунктов с их "
            "основаниями; при первом визите к этому добавляется, что кеши ещё заполняются, а WebAssembly ещё не "
            "перекомпилирован в быстрый код.")
    for key in ("home", "kb_heaviest"):
        page = weight[key]
        if page["gzip_bytes"] > 400 * 1024:
            top = page["largest_gzip"][0]
            out.append(
                f"**Вес страницы базы знаний** (`{page.get('path', '/')}`: {_kb(page['gzip_bytes'])} gzip). "
                f"Больше всего весит `{top['path'].rsplit('/', 1)[-1]}` — {_kb(top['gzip_bytes'])}.")
    x1, xn = f["build"]["x1"], f["build"]["xN"]
    cp1, cpn = f["cpython"]["x1"], f["cpython"]["xN"]
    if round(f["cpython"]["bundle_growth"]["median"], 2) > xn["times"]:
        out.append(
            f"**Сборка пакета данных** растёт быстрее содержания: ×1 {_s(cp1['bundle_build_s'])}, ×{xn['times']} "
            f"{_s(cpn['bundle_build_s'])}, по парам сборок ×{_x(f['cpython']['bundle_growth'])}. Работа растёт "
            "линейно: под профилировщиком (cProfile) при ×10 вызовов функций в 9,7 раза больше, время — в 9,8 "
            "раза. Большую часть времени занимает "
            "разбор YAML с номерами строк (`checker/build/yamlload.py`, libyaml), а он растёт линейно; "
            "связывание толкований с пунктами — один проход по пунктам. Что сделано: на время сборки "
            "отключён сборщик циклического мусора Python (циклов сборка не создаёт, а его полные проходы "
            "обходили все объекты: при ×10 — треть времени). Что осталось сверх линейного — кеши процессора и "
            "памяти при вдесятеро большем объёме данных.")
    if x1["mkdocs_s"]["median"] > 15 or round(f["build"]["growth"]["median"], 2) > xn["times"]:
        out.append(
            f"**Сборка сайта**: ×1 {_s(x1['mkdocs_s'])}, ×{xn['times']} {_s(xn['mkdocs_s'])}; страниц "
            f"{x1['pages']} → {xn['pages']}, поисковый индекс {_kb(x1['search_index_gzip'])} → "
            f"{_kb(xn['search_index_gzip'])} gzip. Что сделано: вопросы проверки собираются за один проход "
            "(раньше — перебор списка для каждого пункта, квадратичный рост). Что растёт быстрее содержания: "
            "меню на каждой странице перечисляет все документы, то есть страниц × документов.")
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
    levers = _markdown(("Как отдан тот же сайт", "Готова, холодный старт", "Готова, повторный визит",
                        "Как стартовал повторный визит", "Запуск worker, холодный"), lever_rows(f))
    phases = _markdown(("Этап старта (как на сайте), медиана", "Холодный старт", "Повторный визит"), phase_rows(f))
    unmet = notes(f)
    return (main + "\n\n" + heaviest_files(f) + "\n\n" + levers + "\n\n" + phases
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
быстрое и самое медленное. Машина общая, и её скорость за время замера меняется, поэтому то, что
сравнивается, замерялось по очереди: страницы — кругами (в каждом круге — каждая страница, холодный и
повторный визит), сборки ×1 и ×{f['build']['xN']['times']} — парами; отношения (накладные расходы, рост)
считаются внутри круга или пары, и медиана берётся уже из них; для ответов — медиана (p50) и 95-й процентиль (p95) по {s['changes']} изменениям
ответов на разных территориях и в разных ролях. «Холодный старт» — браузер с пустым кешем, «повторный
визит» — второй заход в том же браузере, когда копия для работы без сети (service worker) уже сохранена.
Готовность страницы проверки замерялась в визитах, где никто ничего не нажимает; первый результат — в
отдельных визитах, где сразу при открытии отвечает Playwright. Сайт отдавался с этого же компьютера, поэтому время сети здесь
почти нулевое: на телефоне и медленном интернете загрузка будет дольше, больше всего — из-за объёма файлов.

{table(f)}

Pyodide {f['pyodide']['version']}. Как сравнивали способы ускорить старт: {s['levers']}.

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
