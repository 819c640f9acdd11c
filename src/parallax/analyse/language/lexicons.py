"""Hand-written cue lexicons, one per language dimension.

Each entry is a word or phrase; a trailing ``*`` matches any word ending
(``threat*`` matches threats, threatened). Entries are written for this
project from general knowledge of news style guides and propaganda-technique
taxonomies; none are copied from a dataset.
"""

from __future__ import annotations


def _words(block: str) -> list[str]:
    return block.split()


SENSATIONAL = _words("""
shocking shock* stunning stunned bombshell explosive jaw-dropping unbelievable incredible
horrifying horrific mind-blowing staggering astonishing sensational dramatic* epic insane
chaos chaotic meltdown firestorm frenzy uproar mayhem bloodbath nightmare catastroph* slams
slammed blasts blasted rips ripped destroys destroyed obliterat* skyrocket* plummet* soar*
crushing brutal savage viral explodes exploded erupts erupted unprecedented extraordinary
terrifying heart-stopping gut-wrenching outrageous scandal* sparks_fury you_won't_believe
must_see breaking_news spectacular massive huge enormous monster record-breaking
""")

OPINIONATED = _words("""
i_think i_believe i_feel in_my_view in_my_opinion we_believe clearly obviously of_course
undoubtedly without_a_doubt frankly honestly the_truth_is make_no_mistake arguably
it_is_time it's_time disgrace* absurd ridiculous shameful pathetic laughable foolish
misguided wrongheaded sensible rightly wrongly deserves deserve* needless* reckless
irresponsible admirabl* commendabl* let's_be_clear let_us_be_clear to_be_sure
the_fact_is in_truth sadly unfortunately thankfully mercifully regrettabl*
""")

SUBJECTIVE = _words("""
very extremely incredibly truly really deeply utterly totally absolutely remarkabl*
hugely terribly awfully beautiful* wonderful* awful horrible amazing brilliant* stupid
silly wise bizarre strange weird odd wildly hopefully surely perhaps seemingly apparently
arguably striking* stunning* disturbing troubling worrying alarming* impressive* dismal
dreadful glorious magnificent miserable lovely nasty ugly grim bleak fantastic terrific
superb excellent poor* mediocre lousy unacceptable outrageous ridiculous
""")

PRESCRIPTIVE = _words("""
should shouldn't must mustn't ought_to need_to needs_to have_to has_to had_better
it_is_time_to it's_time_to time_to_act call_on calls_on called_on urge* demand* let's
we_cannot_allow we_can't_allow cannot_be_allowed it_is_imperative imperative essential_that
required_to must_not should_not never_again has_to_stop have_to_stop needs_to_stop
must_stop must_be it_is_crucial crucial_that vital_that
""")

FEARFUL = _words("""
threat* danger* fear* afraid terror* terrif* panic* crisis crises catastroph* deadly lethal
risk* alarm* warn* menace invasion invade* epidemic outbreak collaps* doom* scare* scary
frighten* chilling grave peril* vulnerab* attack* killer* toxic out_of_control surge*
flood_of spiral* looming imminent devastat* horror* nightmare* apocalyp* destroy* wipe_out
emergency lockdown contagion infect* death_toll casualt* violence violent
""")

LOADED_LANGUAGE = _words("""
regime radical* extremis* thug* mob elites elitist propaganda illegal_aliens illegals
death_tax job_killer* job-killing socialis* fascis* communis* far-left far-right
so-called puppet cronies crony scheme* rigged hoax witch_hunt fake_news woke snowflake*
bigot* racist* zealot* lunatic* crackpot* cancel_culture open_borders gun_nuts slash*
gut* gutting draconian war_on brainwash* indoctrinat* lackey* apologist* deep_state
tyrann* tyrant* dictator* shill* stooge* globalist* leftist* right-wing_extremist*
anti-american un-american amnesty handout* freeloader* welfare_queen* baby_killer*
treason* traitor* corrupt* crooked grifter* con_man radical_left
""")

APPEAL_TO_AUTHORITY = _words("""
experts_say experts_agree experts_warn according_to_experts scientists_say scientists_agree
studies_show research_shows science_shows the_science_is leading_expert* top_expert*
renowned world-renowned prominent_scientist* distinguished nobel* peer-reviewed
the_consensus consensus_is doctors_say doctors_agree economists_say economists_agree
analysts_say analysts_agree no_serious every_expert most_experts many_experts
health_officials_say officials_say authorities_say top_doctor* eminent prestigious
a_new_study a_study_found studies_have_shown data_show* the_evidence_is_clear
""")

OVERSIMPLIFICATION = _words("""
always never everyone everybody nobody no_one all_of_them simply the_only
the_real_reason nothing_but plain_and_simple it's_that_simple it_is_that_simple
the_bottom_line the_answer_is black_and_white no_doubt entirely completely 100_percent
boils_down_to solely the_root_of single-handedly the_one_thing all_you_need the_problem_is
the_solution_is every_single end_of_story case_closed obvious
""")

GOSSIP = _words("""
reportedly rumor* rumour* allegedly alleged sources_say a_source sources_close
source_close_to insider* is_said_to are_said_to spotted romance dating split_from feud*
affair* gossip* speculat* tongues_wagging sources_tell according_to_a_source close_friend*
whisper* tabloid* buzz unnamed anonymous_source* pals pal_of insiders_say it_is_rumored
it_is_understood is_believed_to are_believed_to claims_to rumored rumoured
""")

VICTIMIZATION = _words("""
victim* under_attack persecut* targeted being_targeted silenced silencing witch_hunt
oppress* bullied bully* harass* scapegoat* discriminat* marginaliz* marginalis*
treated_unfairly unfair* being_punished punished martyr* suffered suffering abandoned
betray* left_behind forgotten smear* hit_job vilif* demoniz* demonis* ganged_up
railroaded stripped_of trampled denied_their rigged_against war_on_us
""")

COVERING_RESPONSE = _words("""
reacted react* reaction* responded responds response* criticized criticised criticiz*
criticis* condemn* praised praise* hit_back hits_back fired_back fires_back backlash
outcry took_to_twitter took_to_social_media tweeted social_media_users critics_say
critics_said lashed_out uproar denounced denounce* applaud* welcomed welcome* weighed_in
called_it calling_it slammed blasted decried decry* rebuked rebuke* swipe_at sparked
""")

POLITICAL = _words("""
democrat* republican* gop congress* senate senator* white_house president* election*
vote* voter* campaign* partisan* liberal* conservative* legislat* parliament* government*
minister* policy policies bill lawmaker* supreme_court impeach* ballot* administration
party parties left-wing right-wing progressive* trump biden obama clinton pelosi
mcconnell governor* mayor* politic* referendum coalition opposition cabinet
""")

LEXICONS: dict[str, tuple[str, ...]] = {
    "sensational": tuple(SENSATIONAL),
    "opinionated": tuple(OPINIONATED),
    "subjective": tuple(SUBJECTIVE),
    "prescriptive": tuple(PRESCRIPTIVE),
    "fearful": tuple(FEARFUL),
    "loaded_language": tuple(LOADED_LANGUAGE),
    "appeal_to_authority": tuple(APPEAL_TO_AUTHORITY),
    "oversimplification": tuple(OVERSIMPLIFICATION),
    "gossip": tuple(GOSSIP),
    "victimization": tuple(VICTIMIZATION),
    "covering_response": tuple(COVERING_RESPONSE),
    "political": tuple(POLITICAL),
}

# Function words: never shown alone as evidence (a model may lean on them, a reader learns nothing).
STOPWORDS = frozenset(
    _words("""
a an the and or but if of to in on at by for with from as is are was were be been being it its
this that these those he she they them his her their we us our you your i me my not no so than then
there here what which who whom whose when where why how all any both each few more most other some such
only own same too very can will just should now do does did has have had having into about over after
before under again further once up down out off also would could may might must said says say
""")
)
