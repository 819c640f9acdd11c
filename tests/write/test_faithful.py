"""Claims, takeaway, conflicts and furniture on short sentences modelled on failures seen in real sources."""

from datetime import datetime

from parallax.models import Outlet, Page, Story
from parallax.text.article import build_article
from parallax.write.material import StoryMaterial
from parallax.write.pool import is_furniture, sentence_pool
from parallax.write.sections.claims import is_claim, plain_statement
from parallax.write.sections.figures import build_conflicting_figures
from parallax.write.sections.takeaway import agreeing, build_takeaway, ledes, point


def _material(texts: dict[str, tuple[str, datetime | None]]) -> StoryMaterial:
    articles = [build_article(Page(url=f"https://{o}.example/a", body=t, title="", outlet=o, published=when))
                for o, (t, when) in texts.items()]
    outlets = {o: Outlet(o, f"{o}.example") for o in texts}
    return StoryMaterial(Story("s", tuple(a.id for a in articles)), tuple(articles), outlets, {})


def test_page_furniture_is_not_a_sentence_of_the_story():
    assert is_furniture("Read more: Fears grow for miners trapped underground")
    assert is_furniture("(Reuters Photo)") and is_furniture("VIDEO")
    assert is_furniture("Bridge hit ADAM BRANT, Associated Press Oct. 8, 2022 Updated: Oct. 8, 2022 3:22 a.m.")
    assert is_furniture("Обратите внимание: Новости: другая история.")
    assert not is_furniture("The bridge reopened on Monday after repairs.")


def test_a_claim_is_a_whole_plain_sentence_not_a_quote_or_a_fragment():
    pool = sentence_pool(_material({"a": (
        "The flood in the river town of Marlow killed 12 people on Tuesday. "
        "\"It was a nightmare,\" said Anna Berg, a resident. "
        "This follows heavy rain in the region.", None)}))
    claims = [r.text for i, r in enumerate(pool.refs) if is_claim(pool, i)]
    assert claims == ["The flood in the river town of Marlow killed 12 people on Tuesday."]


def test_the_takeaway_is_never_a_stray_quote():
    pool = sentence_pool(_material({"a": ("\"I feel badly for him,\" the mayor said on Monday. "
                                          "\"We will rebuild,\" he added.", None)}))
    assert build_takeaway(pool, ()) is None


def test_the_takeaway_is_a_lead_or_a_shared_statement_never_one_article_deep_in():
    lead_quotes = ("\"We will rebuild,\" the mayor of Marlow said on Monday. "
                   "\"Nobody saw it coming,\" a resident said. "
                   "The council of Marlow approved a budget of 3 million euros for roads in 2019.")
    assert build_takeaway(sentence_pool(_material({"a": (lead_quotes, None)})), ()) is None
    plain_lead = "The flood in the river town of Marlow killed 12 people on Tuesday. " + lead_quotes
    found = build_takeaway(sentence_pool(_material({"a": (plain_lead, None)})), ())
    assert found is not None and found.text.startswith("The flood in the river town of Marlow")


def test_the_lede_is_an_articles_first_plain_sentence_not_the_one_leaning_on_it():
    plain_first = ("The flood in the river town of Marlow killed 12 people on Tuesday. "
                   "The flood destroyed homes in Marlow, Ashby, Kenton and Bray on the same night.")
    headline_first = "Flood in Marlow\n\nThe flood in the river town of Marlow killed 12 people on Tuesday night."
    pool = sentence_pool(_material({"a": (plain_first, None), "b": (headline_first, None)}))
    assert sorted((pool.refs[i].article.outlet, pool.refs[i].index) for i in ledes(pool)) == [("a", 0), ("b", 1)]


def test_a_running_toll_told_without_its_figure_does_not_outrank_the_event():
    update = "The death toll from the earthquake in southern Serdia keeps rising."
    tolls = ("The death toll from the earthquake in southern Serdia is rising and has reached 1,200.",
             "The death toll from the earthquake in southern Serdia is rising: 2,300 on Tuesday.",
             "The death toll from the earthquake in southern Serdia keeps rising, to 4,100.")
    event = ("A magnitude 7.8 earthquake struck southern Serdia on Monday, destroying thousands of buildings.",
             "A magnitude 7.8 earthquake hit southern Serdia early on Monday and destroyed thousands of buildings.")
    texts = {"a": update, "b": tolls[0], "c": tolls[1], "d": tolls[2], "e": event[0], "f": event[1]}
    pool = sentence_pool(_material({o: (t, None) for o, t in texts.items()}))
    at = {r.text: i for i, r in enumerate(pool.refs)}
    assert len(pool.supporters(at[update])) == 4  # each outlet's own toll is close to the update
    assert agreeing(pool, at[update]) == 1 and agreeing(pool, at[event[0]]) == 2
    assert point(pool, at[update]) < min(point(pool, at[e]) for e in event)
    found = build_takeaway(pool, ())
    assert found is not None and found.text in event


def test_a_column_contributes_no_key_claims():
    report = "The flood in the river town of Marlow killed 12 people on Tuesday, the regional police said."
    column = ("I think the council of Marlow is a disgrace and its shameful, pathetic mayor should resign. "
              "Honestly, I am furious and disgusted at these incompetent, lazy, arrogant fools in Marlow. "
              "What a ridiculous, absurd, scandalous mess this whole sorry affair has become for Marlow! "
              "The flood in the town of Marlow killed 12 people on Tuesday, the regional police said.")
    pool = sentence_pool(_material({"a": (report, None), "b": (column, None)}))
    claimed = {pool.refs[i].article.outlet for i in range(len(pool.refs)) if is_claim(pool, i)}
    assert claimed == {"a"}  # the column's plain last sentence would pass every other gate


def test_a_toll_that_rises_over_days_is_not_a_conflict_but_the_same_day_is():
    day1, day2 = datetime(2023, 9, 9), datetime(2023, 9, 10)
    rising = _material({"a": ("The earthquake in Al Haouz killed at least 296 people, the ministry said.", day1),
                        "b": ("The earthquake in Al Haouz killed at least 2,012 people, the ministry said.", day2)})
    assert build_conflicting_figures(sentence_pool(rising), ()) == []
    undated = _material({"a": ("The earthquake in Al Haouz killed at least 296 people, the ministry said.", None),
                         "b": ("The earthquake in Al Haouz killed at least 320 people, the ministry said.", None)})
    assert build_conflicting_figures(sentence_pool(undated), ()) == []
    same_day = _material({"a": ("The earthquake in Al Haouz killed at least 296 people, the ministry said.", day1),
                          "b": ("The earthquake in Al Haouz killed at least 320 people, the ministry said.", day1)})
    found = build_conflicting_figures(sentence_pool(same_day), ())
    assert [(c["subject"], c["date"], [v["value"] for v in c["values"]]) for c in found] == [
        ("dead", "2023-09-09", [296.0, 320.0])]


def test_sums_for_different_items_are_not_a_conflict():
    day = datetime(2019, 1, 8)
    material = _material({"a": ("The White House asked Congress for $5.7 billion for the border wall.", day),
                          "b": ("The bill also gives $8 billion to disaster relief for hurricane victims.", day)})
    assert build_conflicting_figures(sentence_pool(material), ()) == []


def test_a_section_the_sources_cannot_support_is_left_out_with_the_reason():
    from parallax.write import get_writer

    material = _material({"a": ("Der Zug fuhr am Montag um acht Uhr von Berlin nach Hamburg ab.", None)})
    brief = get_writer().write(material)
    why = dict(brief.provenance.left_out)
    assert "perspectives" not in brief.sections and "de" in why["perspectives"]
    assert "no publication date" in why["conflicting_figures"]
    assert "English sources" in why["conflicting_figures"] and "only death tolls" in why["conflicting_figures"]


def test_different_things_and_other_times_are_not_a_conflict_but_a_rounded_value_agrees():
    day = datetime(2023, 10, 7)
    things = _material({"a": ("The quake in Herat killed 14 people, officials said.", day),
                        "b": ("The quake in Herat injured 120 people, officials said on Saturday.", day)})
    assert [c["subject"] for c in build_conflicting_figures(sentence_pool(things), ())] == []
    earlier = _material({"a": ("The quake in Herat killed 14 people, officials said.", day),
                         "b": ("In June last year, a quake in Paktika killed more than 1,000 people.", day)})
    assert build_conflicting_figures(sentence_pool(earlier), ()) == []
    rounded = _material({"a": ("The epicentre of the quake was 24.8 miles from Herat, the survey said.", day),
                         "b": ("The epicentre of the quake was 25 miles from Herat, the survey said.", day)})
    assert build_conflicting_figures(sentence_pool(rounded), ()) == []


def test_a_claim_names_its_subject_and_carries_no_page_label():
    pool = sentence_pool(_material({"a": (
        "Police in Valdor arrested two men on Friday after the attack. "
        "Another video of the blast in Valdor was published on Friday. "
        "Accidents and disasters: The blast in Valdor was heard across the city on Friday.", None)}))
    claims = [r.text for i, r in enumerate(pool.refs) if is_claim(pool, i)]
    assert claims == ["Police in Valdor arrested two men on Friday after the attack."]


def test_a_toll_told_on_several_days_is_a_development_on_the_timeline():
    from parallax.write.sections.timeline import build_timeline

    day1, day2 = datetime(2023, 9, 9), datetime(2023, 9, 10)
    rising = _material({"a": ("The earthquake in Al Haouz killed at least 296 people, the ministry said.", day1),
                        "b": ("The earthquake in Al Haouz killed at least 2,012 people, the ministry said.", day2),
                        "c": ("Rescue teams in Al Haouz searched the rubble of the village for a second day.", day2)})
    events = build_timeline(sentence_pool(rising), ())
    tolls = [(e["date"], e.get("measure"), e["text"].split()[8]) for e in events if e.get("facet") == "toll"]
    assert tolls == [("2023-09-09", "dead", "296"), ("2023-09-10", "dead", "2,012")]
    one_day = _material({"a": ("The earthquake in Al Haouz killed at least 296 people, the ministry said.", day1)})
    assert [e for e in build_timeline(sentence_pool(one_day), ()) if e.get("facet")] == []


def test_one_countrys_toll_is_a_rival_only_of_that_countrys_toll():
    day = datetime(2023, 2, 8)
    material = _material({
        "a": ("Officials said 2,992 people had died in Syria on Wednesday. In Turkey, 12,391 people have died, officials "
              "said.", day),
        "b": ("In Syria, 2,530 people have died in the earthquake, the health ministry said.", day),
        "c": ("The death toll from the earthquake in Turkey and Syria has risen to over 15,000, officials said.", day)})
    found = build_conflicting_figures(sentence_pool(material), ())
    assert [(c["subject"], [(v["value"], v["unit"]) for v in c["values"]]) for c in found] == [
        ("dead", [(2530.0, "people in Syria"), (2992.0, "people in Syria")])]


def test_one_places_toll_in_two_languages_is_one_quantity_however_unlike_the_words():
    day = datetime(2023, 2, 9)
    material = _material({
        "a": ("Officials said 12,391 people had died in Turkey and 2,992 in Syria from the tremor.", day),
        "b": ("En Turquía han muerto 17.134 personas, según la agencia turca de emergencias.", day),
        "c": ("Rescue teams in Hatay searched the rubble of a hospital on Thursday.", day)})
    found = build_conflicting_figures(sentence_pool(material), ())
    assert [(c["subject"], [(v["value"], v["unit"]) for v in c["values"]]) for c in found] == [
        ("dead", [(12391.0, "people in Turkey"), (17134.0, "people in Turkey")])]


def _titled_pool(title: str, body: str):
    article = build_article(Page(url="https://a.example/1", body=body, title=title, outlet="a"))
    return sentence_pool(StoryMaterial(Story("s", (article.id,)), (article,), {"a": Outlet("a", "a.example")}, {}))


def test_a_bare_definite_subject_no_headline_names_leans_back():
    body = ("Jobless claims in Valdor rose by 29,000 to 351,000 last week, the labour office said on Thursday. "
            "The increase was the largest weekly jump in Valdor since late March, the labour office said.")
    assert plain_statement(_titled_pool("Jobless claims in Valdor climb", body), 1) is False
    assert plain_statement(_titled_pool("Valdor sees largest increase in jobless claims", body), 1) is True
