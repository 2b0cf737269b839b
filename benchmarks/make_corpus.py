#!/usr/bin/env python3
"""Generate a varied, deterministic corpus of news-like articles for benchmarking newslint.

Each article belongs to one desk (politics, business, sport, science, local news) and is composed
from paragraph templates written for this project: a dateline lead, quotes with attribution,
figures, dates and background, in a shuffled order. Names, places, organisations, figures and
dates are drawn at random from a seeded generator, so a run is reproducible and no two files are
equal (checked). A few realistic defects appear at a low rate so the linter has work to do: a
typo ("adn"), a missing space after a comma, an unattributed "Reports suggest", a stock
generated-copy phrase, a page-chrome line ("Listen to article") and a small Markdown table with
a missing cell. About one file in 25 is Markdown (.md), with a heading, a list and a table.

    python benchmarks/make_corpus.py [--out benchmarks/corpus] [--count 1000] [--seed 7]
    python benchmarks/make_corpus.py --big 50 --out /tmp/big       # one file of about 50 MB

The defaults give 1,000 files and about 4.6 MB (about 4.6 KB per article).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import string

# --- pools ---------------------------------------------------------------------------------------
FIRST = ["Amara", "Lena", "Tomas", "Priya", "Kenji", "Sofia", "Daniel", "Hanna", "Omar", "Grace", "Elif",
         "Mateus", "Nadia", "Liam", "Ji-ho", "Lan", "Rahul", "Ingrid", "Kofi", "Marta", "Joanna", "Samuel",
         "Aisha", "Pieter", "Chloé", "Bogdan", "Fatima", "Henrik", "Lucía", "Tariq", "Olena", "Graham",
         "Mei", "Stefan", "Nkechi", "Rosa", "Arjun", "Carmen", "Dmitri", "Yasmin", "Patrick", "Ayumi"]
LAST = ["Okafor", "Fischer", "Novak", "Raman", "Watanabe", "Marquez", "Mensah", "Kowalczyk", "Haddad",
        "Mwale", "Demir", "Costa", "Petrova", "O'Connor", "Park", "Nguyen", "Mehta", "Solberg", "Asante",
        "Ruiz", "Lindqvist", "Adeyemi", "Brennan", "Castellanos", "Dubois", "Eriksen", "Farouk", "Gallagher",
        "Hoffmann", "Ivanova", "Jansen", "Kaur", "Lombardi", "Moreau", "Nakamura", "Ortega", "Pereira",
        "Quinn", "Rossi", "Sandoval", "Takahashi", "Van der Berg", "Wójcik", "Yilmaz", "Zielinski"]
PLACES = [("Lisbon", "Portugal"), ("Nairobi", "Kenya"), ("Seoul", "South Korea"), ("Krakow", "Poland"),
          ("Valparaiso", "Chile"), ("Accra", "Ghana"), ("Hanoi", "Vietnam"), ("Bergen", "Norway"),
          ("Izmir", "Turkey"), ("Pune", "India"), ("Cork", "Ireland"), ("Recife", "Brazil"),
          ("Leeds", "Britain"), ("Lyon", "France"), ("Rotterdam", "the Netherlands"), ("Tampere", "Finland"),
          ("Brisbane", "Australia"), ("Winnipeg", "Canada"), ("Mombasa", "Kenya"), ("Osaka", "Japan"),
          ("Seville", "Spain"), ("Graz", "Austria"), ("Cluj-Napoca", "Romania"), ("Tucson", "the United States")]
PARTIES = ["the Social Democrats", "the Liberal Party", "the Greens", "the Centre Alliance", "the Labour Party",
           "the Conservative Union", "the Farmers' Party", "the Progressive Bloc"]
MINISTRIES = ["finance", "health", "transport", "education", "interior", "energy", "housing", "agriculture"]
COMPANIES = ["Nordvik Shipping", "Alder & Finch", "Meridian Foods", "Kestrel Telecom", "Bluewater Energy",
             "Harbourline Rail", "Solano Pharma", "Trentham Steel", "Copperleaf Insurance", "Ostrava Motors",
             "Pinecrest Bank", "Lumen Semiconductors", "Vireo Airlines", "Castlegate Homes"]
SECTORS = ["shipping", "food", "telecoms", "energy", "rail", "drugs", "steel", "insurance", "car", "banking",
           "chip", "airline", "housebuilding"]
TEAMS = ["Riverside United", "Northgate Rovers", "Athletic Club Porto Novo", "Eastfield Wanderers",
         "Sporting Lakeshore", "Hillcrest City", "Real Costa Verde", "Dynamo Kettering", "Harbour Town",
         "FC Aldermoor", "Union Brightwater", "Stade Montclair"]
SPORTS_EVENTS = ["the league title", "the cup final", "the regional championship", "a place in Europe",
                 "promotion", "the national title"]
INSTITUTIONS = ["the University of {CITY}", "the {CITY} Institute of Technology", "the National Institute for "
                "Marine Research", "the Polar Research Centre", "{CITY} University Hospital",
                "the Institute for Climate Studies", "the European Space Laboratory"]
JOURNALS = ["Nature Communications", "The Lancet", "Science Advances", "Geophysical Research Letters",
            "the British Medical Journal", "Cell Reports", "the Astrophysical Journal"]
SCI_TOPICS = ["sea-level rise", "antibiotic resistance", "coral bleaching", "glacier melt", "soil erosion",
              "ocean acidification", "permafrost thaw", "insect decline"]
DISEASES = ["malaria", "sepsis", "severe asthma", "hepatitis B", "childhood pneumonia", "heart failure"]
LOCAL_TOPICS = ["bus fares", "water charges", "hospital waiting lists", "housing permits", "school budgets",
                "library opening hours", "flood defences", "parking charges", "bin collections", "harbour works"]
BODIES = ["the statistics office", "the central bank", "the city council", "the port authority",
          "the national weather service", "the electoral commission", "the energy regulator",
          "the competition authority", "the audit office"]
TITLES_POL = ["Prime Minister", "Finance Minister", "Health Minister", "Interior Minister", "opposition leader",
              "Foreign Minister", "Transport Minister", "party chairman", "Speaker"]
TITLES_LOCAL = ["Mayor", "council leader", "police spokeswoman", "fire chief", "head teacher",
                "residents' association chairwoman", "councillor"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORD = ["second", "third", "fourth", "fifth", "sixth"]
AGENCIES = ["Reuters", "AP", "AFP", "dpa", "PA", "Staff reporter"]

# --- paragraph templates (written for this project) ------------------------------------------
# Fields in capitals come from the article context: names, places and the facts an article states
# more than once are fixed per article (P1, P1L, CITY, AGE, OFFICE_YEAR, ...); other figures and
# dates are drawn fresh for every paragraph. Counts under ten are words (NW, NW2), as in wire style.
LEADS = {
    "politics": [
        "{DATELINE} – {COUNTRY}'s parliament voted {V1} to {V2} on {DAY} to approve tax cuts and spending worth {BN} "
        "billion euros, handing {TITLE} {P1} a narrow victory after {NW} weeks of talks.",
        "{DATELINE} – {TITLE} {P1} survived a confidence vote on {DAY}, winning the backing of {V1} lawmakers "
        "against {V2}, as a row over {LTOPIC} threatened to split the governing coalition.",
        "{DATELINE} – Voters in {COUNTRY} go to the polls on {MONTH} {D} after a campaign dominated by prices, "
        "housing and migration, with the latest survey putting {PARTY} on {PCT1}%.",
        "{DATELINE} – {COUNTRY}'s government will raise the state pension age to 68 by {YEAR}, {TITLE} {P1} "
        "said on {DAY}, in a move unions said they would fight in the courts and on the streets.",
    ],
    "business": [
        "{DATELINE} – {COMPANY} said on {DAY} that net profit rose {PCT1}% to {PROFIT} million euros in the "
        "{QUARTER} quarter, beating analysts' forecasts, and raised its outlook for the year.",
        "{DATELINE} – {COMPANY} will cut about {K} jobs over {NW} years as it closes {NW2} plants, the {SECTOR} "
        "group said on {DAY}, blaming weak demand and higher energy costs.",
        "{DATELINE} – Inflation in {COUNTRY} slowed to {INFL_NOW}% in {MONTH} from {INFL_BEFORE}% a month "
        "earlier, {BODY} said on {DAY}, the lowest reading since {MONTH2} {YEAR0}.",
        "{DATELINE} – {COMPANY} agreed on {DAY} to buy its smaller rival {COMPANY2} for {BN} billion euros in "
        "cash, creating the largest {SECTOR} group in {COUNTRY} if regulators approve.",
    ],
    "sport": [
        "{DATELINE} – {TEAM} came from behind to beat {TEAM2} {S1}-{S2} on {DAY}, with {P1} scoring twice in "
        "the last {TENS} minutes to keep their hopes of {EVENT} alive.",
        "{DATELINE} – {P1} broke the national record in the {DIST} metres on {DAY}, finishing in {TIME} to win "
        "the title in front of a crowd of {K} in {CITY}.",
        "{DATELINE} – {TEAM2} sacked their coach {P2} on {DAY} after a run of {NW} games without a win left the "
        "club {ORDN} in the table, {PTS} points from safety.",
        "{DATELINE} – {P1} reached the semi-finals of the {CITY} Open on {DAY}, beating the third seed in three "
        "sets to set up a meeting with the defending champion, {P2}.",
    ],
    "science": [
        "{DATELINE} – Researchers at {INSTITUTION} say {SCITOPIC} may be advancing faster than thought, according "
        "to a study of {K} samples published on {DAY} in {JOURNAL}.",
        "{DATELINE} – A trial involving {K} patients in {NW} countries found that a new treatment for "
        "{DISEASE} cut hospital admissions by {PCT1}%, scientists reported in {JOURNAL} on {DAY}.",
        "{DATELINE} – Astronomers have measured the orbit of a newly found object about {TENS} metres across and "
        "say it poses no risk to Earth for at least {HUND} years, {INSTITUTION} said on {DAY}.",
    ],
    "local": [
        "{DATELINE} – {CITY} council approved a rise of {PCT1}% in {LTOPIC} on {DAY} evening, the first increase "
        "in {NW} years, after a debate that ran past midnight.",
        "{DATELINE} – Firefighters spent {NW} hours bringing a blaze at a warehouse on the edge of {CITY} under "
        "control on {DAY}, and {NW2} nearby homes were evacuated as a precaution, {TITLE} {P1} said.",
        "{DATELINE} – Residents of {CITY} packed a public meeting on {DAY} to oppose plans for {HUND} homes on "
        "former farmland, which developers say would ease a shortage of affordable housing.",
        "{DATELINE} – Opening hours at {CITY}'s central library will be cut from {MONTH} {D}, the council said "
        "on {DAY}, as it looks for savings of {M} thousand euros in this year's budget.",
    ],
}
BODY = {
    "politics": [
        "The package includes {M} million euros for rural bus routes and a freeze on rail fares until {YEAR}, "
        "measures that were added late in the talks to win over the smaller coalition partners.",
        "{P2L}'s party has led in most polls since the spring, but its support has slipped by about {NW} points "
        "since the start of the campaign, according to an average of surveys.",
        "The finance ministry's own forecasts, published on {DAY}, show the deficit narrowing to {PCT2}% of "
        "output in {YEAR} from {PCT3}% this year, though independent economists are more cautious.",
        "Business groups broadly welcomed the plan. \"It is not everything we asked for, but it is a start,\" "
        "said {P4}, who heads the national chamber of commerce.",
        "Under the constitution, the president has {NW} days to sign the bill into law or send it back to "
        "parliament for a second reading.",
        "Lawmakers from the governing parties said privately that the whips had worked through the night to "
        "secure the votes, and that {NW} rebels had been persuaded to abstain.",
        "The last time a government in {COUNTRY} lost a confidence vote was in {YEAR0}, when an early election "
        "was called within weeks.",
        "Pensioners' groups said the reform would hit manual workers hardest. \"People who started work at 16 "
        "cannot simply carry on for another three years,\" said {P3}, who chairs the largest of them.",
        "The electoral commission said {K} people had registered to vote by post, a record, and that counting "
        "would begin as soon as polls close at 8 p.m.",
        "The coalition agreement signed in {OFFICE_YEAR} runs to {HUND} pages and commits the parties to "
        "balancing the budget by the end of the parliament.",
        "\"This is a budget for working families, not for headlines,\" {P1L} told lawmakers before the vote.",
        "{PARTY_C} said it would challenge parts of the law in the constitutional court. Its leader, {P2}, "
        "called the package \"a bill our children will pay\".",
        "The government expects the measures to add {PCT2} percentage points to growth next year, according to "
        "figures published by the {MINISTRY} ministry on {DAY}.",
        "{P1L}, {AGE}, took office in {OFFICE_YEAR} at the head of a coalition of {NW2} parties that has held together "
        "through {NW} cabinet reshuffles.",
        "Turnout at the last election was {TURNOUT_NOW}%, {BODY} said, down from {TURNOUT_BEFORE}% four years "
        "earlier.",
        "Speaking to reporters in {CITY} on {DAY}, {P2L} said the opposition would table {NW} amendments and "
        "accused ministers of \"governing by press release\".",
        "Under the plan, the basic rate of income tax falls from {TAX_OLD}% to {TAX_NEW}% from {MONTH} {D}, "
        "while a levy on bank profits rises to {PCT1}%.",
        "A poll by the {CITY} Institute of Public Opinion, carried out between {POLL_MONTH} {POLL_D1} and "
        "{POLL_D2} among {K} adults, put support for the government at {PCT4}%.",
        "The {MINISTRY} minister, {P3}, said the cost would be covered by savings of {M} million euros a year "
        "and by a crackdown on tax evasion.",
        "\"We listened, we changed the bill, and now we will deliver it,\" {P3L} said in an interview with "
        "public radio on {DAY}.",
        "Parliament is due to debate the {MINISTRY} budget on {MONTH} {D}, when {PARTY} has promised to force "
        "a vote on {LTOPIC}.",
        "Critics inside the coalition, including the former {MINISTRY} minister {P4}, have warned that the "
        "deficit could exceed the European Union's limit of 3% of output next year.",
        "The vote came after {NW} days of debate in which the opposition tabled more than {HUND} amendments, "
        "nearly all of them rejected.",
        "Demonstrators gathered outside parliament in {CITY} during the debate, and police estimated the crowd "
        "at about {K}.",
    ],
    "business": [
        "The results were published before the market opened on {DAY}. The company will hold its annual "
        "meeting in {CITY} on {MONTH} {D}.",
        "{COMPANY} has been trying to reduce its dependence on a handful of large customers, who accounted for "
        "{PCT4}% of sales last year, according to its annual report.",
        "Energy costs, which rose sharply two years ago, have since eased, but remain about {PCT1}% above their "
        "long-term average, the company said.",
        "\"The second half will be tougher, because the comparison with last year is harder,\" chief financial "
        "officer {P3} said, adding that the order book was {PCT2}% larger than a year ago.",
        "The central bank held its main interest rate at {PCT3}% at its last meeting, and markets are pricing in "
        "at least one cut before the end of the year.",
        "Consumer spending, which accounts for more than half of economic output in {COUNTRY}, rose {PCT2}% in "
        "the quarter, the statistics office said.",
        "The plants to be closed are in {CITY} and {CITY2}, and the company said it would offer transfers to "
        "about a third of the staff affected.",
        "{COMPANY2}'s board has recommended the offer, which values its shares at a premium of {PCT1}% to their "
        "average price over the past three months.",
        "Credit rating agencies said the deal would increase the buyer's debt but was unlikely to trigger a "
        "downgrade, given its steady cash flow.",
        "Revenue climbed {PCT2}% to {BN} billion euros, the company said, helped by strong sales in Asia and "
        "price increases in its home market.",
        "\"Demand has held up better than we feared, but we are not complacent,\" chief executive {P1} said on "
        "a call with analysts.",
        "Shares in {COMPANY} rose {PCT2}% to {PRICE} euros by mid-morning in {CITY}, valuing the group at "
        "about {BN2} billion euros.",
        "Analysts had expected a profit of {M2} million euros, according to a company-compiled consensus.",
        "{P1L} said the group would spend {M} million euros on new {SECTOR} capacity by {YEAR} and would keep "
        "its dividend at {CENTS} cents a share.",
        "The unions said they would fight the cuts. \"These are skilled jobs that will not come back,\" said "
        "{P2}, a regional secretary of the metalworkers' union.",
        "{BODY_C} said producer prices fell {PCT3}% year on year in {MONTH}, the {ORD1} monthly decline in a row.",
        "The company's net debt stood at {DEBT_NOW} billion euros at the end of {MONTH}, down from "
        "{DEBT_BEFORE} billion a year earlier.",
        "Economist {P3} of Pinecrest Bank said the figures pointed to a \"soft landing\" and predicted that "
        "interest rates would be cut by {BP} basis points in {MONTH}.",
        "Exports rose {PCT2}% in the first {NW} months of the year, led by machinery and chemicals, customs "
        "data showed.",
        "{COMPANY} employs about {K} people in {NW2} countries and generated sales of {BN} billion euros last year.",
        "The deal still needs the approval of the competition authority, which has {NW} weeks to decide whether "
        "to open an in-depth investigation.",
        "{P4}, a fund manager at Castlegate Capital in {CITY2}, said the price looked \"full but defensible\" "
        "given the savings the two companies expect.",
        "The company said it expected to save about {M} million euros a year by {YEAR}, mostly from purchasing "
        "and a smaller head office.",
    ],
    "sport": [
        "The home side dominated possession in the first half but created few clear chances, and their "
        "supporters whistled as the players left the pitch at the interval.",
        "{P1L}'s winner came from a corner: the ball was half-cleared to the edge of the area and the forward "
        "struck it first time into the bottom corner.",
        "The national federation said the time would be ratified once the standard doping tests had been "
        "completed, a process that usually takes about {NW} weeks.",
        "{P2L}, who led the club to the cup in {YEAR0}, had been under pressure since a home defeat by a "
        "second-division side in {MONTH}.",
        "The next round begins on {DAY}, and the winner of the tournament takes home {M} thousand euros and "
        "enough ranking points to qualify for the season-ending finals.",
        "\"The crowd carried me in the last lap,\" {P1L} said. \"I could hear my coach shouting the split "
        "times and I knew the record was on.\"",
        "Team doctor {P4} said the club would give an update on the injury after a scan, and that there was no "
        "reason to think the season was over.",
        "Both clubs were fined by the league last season after supporters threw objects onto the pitch, and "
        "extra stewards were on duty on {DAY}.",
        "The match was shown live on national television, and the broadcaster said the audience peaked at "
        "{NW} million viewers during the second half.",
        "\"We showed character tonight, and that is what wins you {EVENT},\" {TEAM} coach {P2} told reporters.",
        "{P1L}, {AGE}, joined {TEAM} from {TEAM2} in {OFFICE_YEAR} for a reported fee of {M} million euros and "
        "has now scored {GOALS} goals this season.",
        "The result leaves {TEAM} {PTS} points clear at the top with {NW} games to play, while {TEAM2} remain "
        "{ORDN}.",
        "A crowd of {K} watched the match in {CITY}, the biggest attendance at the ground since {YEAR0}.",
        "{TEAM2} had led through a header from {P3} after {MINUTE} minutes, but they faded after the break.",
        "\"I have dreamed about this since I was a kid,\" {P1L} said. \"To do it at home, in front of my family, "
        "is something else.\"",
        "The previous record of {TIME2} had stood since {YEAR0}, when it was set in {CITY2}.",
        "{TEAM} face {TEAM2} again in the cup on {MONTH} {D}, and {P2L} said he would rest several players.",
        "The club's owners said in a statement that the search for a new coach had begun and that {P3} would "
        "take charge of training in the meantime.",
        "Tickets for the final, which will be played on {MONTH} {D} in {CITY2}, sold out in {NW} hours.",
        "{P1L} needed treatment on an ankle injury early in the second half but played on, and the medical staff "
        "said a scan on {DAY} would show whether the damage was serious.",
        "It was a {ORD1} defeat in a row for {TEAM2}, who have conceded {GOALS} goals in their last {NW} games.",
        "Video review ruled out a late equaliser for offside, to the fury of the visiting supporters, and the "
        "referee, {P4}, was escorted from the pitch at the final whistle.",
    ],
    "science": [
        "The researchers used satellite measurements going back to {YEAR0} and compared them with records from "
        "tide gauges and ships, some of them more than a century old.",
        "The trial was randomised and double-blind: neither the patients nor the doctors treating them knew who "
        "had received the drug and who had received a placebo.",
        "{INSTITUTION_C} is one of {NW} centres taking part in a European network that shares data and samples "
        "under common standards.",
        "\"This is one study, and a good one, but one study does not change the guidance,\" said {P4}, who "
        "advises the {MINISTRY} ministry and was not involved in the work.",
        "The paper went through peer review, and the authors said the computer code they used would be "
        "published alongside the data.",
        "Some of the samples had been stored in freezers at {INSTITUTION} for more than {TENS} years before "
        "the team analysed them with modern equipment.",
        "The drug costs about {EUR} euros per course at current prices, and the manufacturer said it would "
        "apply for approval in Europe in {YEAR}.",
        "The object is too faint to be seen without a large telescope and will make its next close pass in "
        "{YEAR}, when astronomers plan to measure its size more precisely.",
        "The findings add to a growing body of evidence, the authors said, but they stressed that the rate "
        "varied widely from one region to another.",
        "The work was carried out by {TENS} scientists from {NW} countries, and the lead authors said they had "
        "no conflicts of interest to declare.",
        "\"We were surprised by how consistent the signal was across sites,\" said {P1}, a professor at "
        "{INSTITUTION} and the study's lead author.",
        "The team collected samples over {NW} years from {SITES} sites, from the Arctic to the tropics, and "
        "analysed them using a method developed in {YEAR0}.",
        "{P2}, who was not involved in the research, said the findings were \"solid but not the final word\" "
        "and called for larger studies.",
        "The study was funded by {BODY} and the European Research Council, and the data have been made public.",
        "Earlier estimates had put the rate at about {RATE_OLD}% a decade; the new work suggests it is closer to "
        "{RATE_NEW}%, the authors wrote.",
        "\"The next step is to test this in a trial with a control group,\" {P1L} said in an interview.",
        "Patients who received the treatment spent on average {NW} fewer days in hospital, and side effects "
        "were mild in {PCT4}% of cases.",
        "The object was first spotted on {MONTH} {D} by a telescope in {CITY}, and its path was confirmed by "
        "{NW2} observatories.",
        "{INSTITUTION_C} said it would share its results with the {MINISTRY} ministry, which is reviewing its "
        "guidance on {SCITOPIC}.",
        "Funding for the second phase, about {M} million euros over {NW} years, was approved in {MONTH}.",
        "The authors cautioned that most of the sites were in Europe and North America, and that data from "
        "Africa and South Asia were sparse.",
        "{P3}, a statistician at {CITY2} University who reviewed the paper before publication, said the "
        "methods were sound but the uncertainty range was wide.",
    ],
    "local": [
        "The council says its costs have risen by {PCT1}% in three years, driven by energy prices, wages and "
        "the cost of maintaining ageing buildings.",
        "Opposition councillors proposed a smaller rise of {NW} per cent, paid for by selling two unused "
        "buildings, but the amendment was defeated.",
        "The fire service said {NW} engines and about {TENS} firefighters had been sent to the scene, and that "
        "crews would stay overnight to damp down hot spots.",
        "The site has been owned by the same family for three generations and was last farmed in {YEAR0}, "
        "according to the planning application.",
        "A public inquiry could be held if the plan is approved by the council and then called in by the "
        "housing ministry, a process that can take more than a year.",
        "\"We are not against new homes, we are against building them on a flood plain,\" said {P4}, who "
        "organised the meeting in the parish hall.",
        "Bus operators say the number of passengers on the main routes has not yet returned to its level of "
        "five years ago, and some evening services were withdrawn in {MONTH}.",
        "Library visits rose by {PCT1}% last year, according to the council's annual report, and the number of "
        "children taking part in the summer reading scheme reached a record {K}.",
        "Residents can comment on the proposals online or at the town hall until {MONTH} {D}, the council said.",
        "\"Nobody wants to pay more, but the alternative is cutting services people rely on,\" {TITLE} {P1L} "
        "said.",
        "Under the plan, a typical household will pay {EUR} euros more a year. The council says the extra "
        "{M} million will go on repairs and staff.",
        "{P2}, who has lived on Mill Lane for {YEARS} years, said the queues had been getting longer since "
        "{MONTH}. \"You used to be seen in a week,\" she said.",
        "The council voted {V3A} to {V3B} in favour, with {NW} abstentions, council clerk {P3} said.",
        "Police said no one was injured and the cause of the fire was being investigated.",
        "The road between {CITY} and {CITY2} will stay closed until {DAY2}, the highways agency said, and "
        "drivers should allow an extra {TENS} minutes.",
        "A petition against the scheme has gathered {K} signatures, organisers said on {DAY}.",
        "The developer, Castlegate Homes, said {PCT4}% of the homes would be sold below market price and that "
        "it would pay {M2} million euros towards a new school.",
        "{P1L} said the council would hold a second consultation in {MONTH} before a final decision.",
        "Volunteers from the {CITY} Civic Society have offered to staff the library on Saturday mornings, "
        "its secretary, {P4}, said.",
        "Neighbours described hearing a series of loud bangs shortly before {HOUR} a.m. and seeing thick black "
        "smoke over the industrial estate.",
        "The council's own figures show that {PCT4}% of residents who responded to the consultation opposed "
        "the change.",
    ],
}
SHARED = [
    "{CITY}, with a population of about {POP} million, is the {ORD1}-largest city in {COUNTRY} and an important "
    "centre for trade, universities and tourism.",
    "The issue has divided opinion for years. Supporters say the change is overdue; opponents argue that it "
    "places the burden on those least able to carry it.",
    "Officials in {CITY} said they had been in contact with their counterparts in {CITY2}, where a similar "
    "scheme was introduced in {YEAR0} with mixed results.",
    "Local newspapers devoted their front pages to the story on {DAY}, and the subject dominated phone-in "
    "programmes on regional radio.",
    "The government's audit office said in a report last year that spending in the area had risen by about "
    "{PCT1}% in real terms over a decade, while outcomes had barely changed.",
    "A further announcement is expected after the summer, once the responses to the consultation have been "
    "analysed and published.",
    "Asked whether more changes were planned, {P1L} said: \"We will look at the evidence and decide. That is "
    "how it should work.\"",
    "The story was updated on {DAY} with comments from the opposition and from {BODY}.",
    "The announcement was made at a news conference in {CITY} that lasted more than an hour and was shown "
    "live on several television channels.",
    "It was not immediately clear how the measures would be paid for, and officials said details would follow "
    "in the coming weeks.",
    "A full transcript of the remarks was later posted on the website of {BODY}.",
    "In a separate statement on {DAY}, {BODY} said it would publish a full review in {MONTH}.",
    "{P1L} did not respond to a request for further comment on {DAY}.",
    "The figures are provisional and may be revised, {BODY} said.",
    "The decision follows {NW} months of consultation, during which more than {K} responses were received.",
    "A spokeswoman for the {MINISTRY} ministry declined to comment.",
]
HEADLINES = {  # one per lead, in the same order
    "politics": ["{COUNTRY} Parliament Backs {BN} Billion Budget", "{P1L} Survives Confidence Vote",
                 "Polls Tighten Ahead of {COUNTRY} Vote", "{COUNTRY} to Raise Pension Age to 68"],
    "business": ["{COMPANY} Profit Beats Forecasts", "{COMPANY} to Cut {K} Jobs",
                 "{COUNTRY} Inflation Slows to {INFL_NOW}%", "{COMPANY} Agrees Takeover of {COMPANY2}"],
    "sport": ["{TEAM} Fight Back to Beat {TEAM2}", "{P1L} Breaks National Record", "{TEAM2} Sack Coach {P2L}",
              "{P1L} Into {CITY} Open Semi-Finals"],
    "science": ["Study Finds Faster {SCITOPIC_T}", "Trial Shows Promise Against {DISEASE_T}",
                "Newly Found Asteroid Poses No Risk, Astronomers Say"],
    "local": ["{CITY} Approves Rise in {LTOPIC_T}", "Warehouse Fire on Edge of {CITY}",
              "Residents Oppose {CITY} Housing Plan", "{CITY} Library Hours to Be Cut"],
}
assert all(len(HEADLINES[d]) == len(LEADS[d]) for d in LEADS)

# --- defects (low rate) ------------------------------------------------------------------------
TYPOS = [(" and ", " adn "), (" the ", " teh "), (" received ", " recieved "), (" government ", " goverment "),
         (" which ", " wich "), (" said ", " siad "), (" their ", " thier ")]
UNATTRIBUTED = ["Reports suggest that the plan could be delayed until {YEAR}.",
                "It is widely believed that {P1L} will step down before the end of the year.",
                "Some say the real cost will be far higher than the {M} million euros announced.",
                "Experts believe the figures understate the problem."]
AI_PHRASES = ["It is important to note that the situation remains fluid.",
              "This development adds a layer of complexity to an already delicate debate.",
              "As the dust settles, one thing is clear: the road ahead will not be easy.",
              "The decision underscores the evolving landscape of {LTOPIC} in {COUNTRY}.",
              "In today's fast-paced world, residents are increasingly looking for answers."]
CHROME = ["Listen to article", "Share this article", "Advertisement", "Sign up for our morning newsletter",
          "Read more:", "Skip to main content"]


def person(r: random.Random) -> tuple[str, str]:
    last = r.choice(LAST)
    return f"{r.choice(FIRST)} {last}", last


NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]


class Ctx(dict):
    """Article-level values (names, places and facts stated more than once); other figures and dates are
    drawn fresh on every lookup."""

    def __init__(self, r: random.Random, desk: str):
        super().__init__()
        self.r = r
        self.added: set[str] = set()  # defect sentences already used in this file
        (city, country), (city2, _) = r.sample(PLACES, 2)
        names: set[str] = set()
        for k in ("P1", "P2", "P3", "P4"):
            while True:
                full, last = person(r)
                if last not in names:
                    break
            names.add(last)
            self[k], self[k + "L"] = full, last
        company, company2 = r.sample(COMPANIES, 2)
        team, team2 = r.sample(TEAMS, 2)
        body = r.choice(BODIES)
        inst = r.choice(INSTITUTIONS).format(CITY=city)
        party = r.choice(PARTIES)
        ltopic, scitopic, disease = r.choice(LOCAL_TOPICS), r.choice(SCI_TOPICS), r.choice(DISEASES)
        day, day2 = r.sample(DAYS[:5], 2)
        month = r.randrange(12)
        hi_lo = lambda lo, hi, nd=1: sorted((round(r.uniform(lo, hi), nd) for _ in range(2)), reverse=True)
        turnout_before, turnout_now = sorted(r.sample(range(45, 86), 2), reverse=True)
        tax_old, tax_new = hi_lo(15, 45, 0)
        infl_before, infl_now = hi_lo(0.5, 9.5)
        debt_before, debt_now = hi_lo(1.5, 30)
        rate_new, rate_old = hi_lo(0.3, 6)
        d1 = r.randint(1, 20)
        dist, minutes = r.choice([("800", 1), ("1,500", 3), ("5,000", 12), ("10,000", 26)])
        t1, t2 = sorted(r.sample(range(60 * minutes + 20, 60 * minutes + 59), 2))
        self.update(DIST=dist, TIME=f"{t1 // 60}:{t1 % 60:02d}.{r.randint(0, 99):02d}",
                    TIME2=f"{t2 // 60}:{t2 % 60:02d}.{r.randint(0, 99):02d}")
        self.update(
            CITY=city, CITY2=city2, COUNTRY=country, COMPANY=company, COMPANY2=company2, TEAM=team, TEAM2=team2,
            BODY=body, BODY_C=body[0].upper() + body[1:], INSTITUTION=inst, INSTITUTION_C=inst[0].upper() + inst[1:],
            PARTY=party, PARTY_C=party[0].upper() + party[1:], LTOPIC=ltopic, LTOPIC_T=ltopic.title(),
            SCITOPIC=scitopic, SCITOPIC_T=scitopic[0].upper() + scitopic[1:], DISEASE=disease,
            DISEASE_T=disease.title(), SECTOR=r.choice(SECTORS), MINISTRY=r.choice(MINISTRIES),
            EVENT=r.choice(SPORTS_EVENTS), JOURNAL=r.choice(JOURNALS),
            TITLE=r.choice(TITLES_LOCAL if desk == "local" else TITLES_POL),
            AGE=r.randint(19, 35) if desk == "sport" else r.randint(38, 71),
            QUARTER=r.choice(["first", "second", "third", "fourth"]), DAY=day, DAY2=day2,
            OFFICE_YEAR=r.randint(2012, 2024), PROFIT=r.randint(40, 990),
            TURNOUT_BEFORE=turnout_before, TURNOUT_NOW=turnout_now, TAX_OLD=int(tax_old), TAX_NEW=int(tax_new),
            INFL_BEFORE=infl_before, INFL_NOW=infl_now, DEBT_BEFORE=debt_before, DEBT_NOW=debt_now,
            RATE_OLD=rate_old, RATE_NEW=rate_new, POLL_MONTH=r.choice(MONTHS), POLL_D1=d1,
            POLL_D2=d1 + r.randint(2, 8),
            DATELINE=f"{city.upper()}, {MONTHS_AP[month]} {r.randint(1, 28)} ({r.choice(AGENCIES[:5])})"
            if r.random() < 0.5 else f"{city.upper()} ({r.choice(AGENCIES[:5])})",
        )
        if tax_old == tax_new:
            self["TAX_OLD"] += 2

    def __missing__(self, key: str):
        r = self.r
        gen = {
            "MONTH": lambda: r.choice(MONTHS), "MONTH2": lambda: r.choice(MONTHS), "D": lambda: r.randint(1, 28),
            "NW": lambda: r.choice(NUMBER_WORDS), "NW2": lambda: r.choice(NUMBER_WORDS),
            "TENS": lambda: r.randrange(20, 100, 10), "HUND": lambda: r.randrange(200, 1000, 100),
            "YEAR": lambda: r.randint(2026, 2031), "YEAR0": lambda: r.randint(1998, 2023),
            "V1": lambda: r.randint(151, 220), "V2": lambda: r.randint(90, 150), "V3A": lambda: r.randint(25, 40),
            "V3B": lambda: r.randint(10, 24), "PCT1": lambda: r.randint(3, 48),
            "PCT2": lambda: f"{r.uniform(0.2, 9.9):.1f}", "PCT3": lambda: f"{r.uniform(0.2, 9.9):.1f}",
            "PCT4": lambda: r.randint(12, 88), "M": lambda: r.randint(12, 980), "M2": lambda: r.randint(12, 980),
            "BN": lambda: f"{r.uniform(1.1, 48.9):.1f}", "BN2": lambda: f"{r.uniform(1.1, 48.9):.1f}",
            "K": lambda: f"{r.randint(1, 95)},{r.randint(0, 999):03d}", "EUR": lambda: r.randint(18, 240),
            "PRICE": lambda: f"{r.uniform(4, 190):.2f}", "CENTS": lambda: r.randint(8, 95),
            "BP": lambda: r.choice([25, 50]), "S1": lambda: r.randint(2, 4), "S2": lambda: r.randint(0, 1),
            "PTS": lambda: r.randint(2, 11), "ORDN": lambda: r.choice(["14th", "17th", "18th", "19th", "bottom"]),
            "ORD1": lambda: r.choice(ORD),
            "GOALS": lambda: r.randint(11, 29), "MINUTE": lambda: r.randint(10, 44), "SITES": lambda: r.randint(12, 90),
            "YEARS": lambda: r.randint(11, 45), "HOUR": lambda: r.randint(1, 5),
            "POP": lambda: f"{r.uniform(0.2, 9.5):.1f}",
        }.get(key)
        if gen is None:
            raise KeyError(key)
        return gen()


def fill(tpl: str, ctx: Ctx) -> str:
    return string.Formatter().vformat(tpl, (), ctx)


def defect(r: random.Random, para: str, ctx: Ctx) -> list[str]:
    """Return the paragraph(s) to write instead of ``para``, with one defect (a broken table when the
    drawn kind does not fit the paragraph)."""
    kind = r.randrange(6)
    if kind == 0:
        for old, new in r.sample(TYPOS, len(TYPOS)):
            if old in para:
                return [para.replace(old, new, 1)]
    if kind == 1 and ", " in para:
        i = para.index(", ")
        return [para[:i] + "," + para[i + 2:]]
    if kind in (2, 3):
        options = [t for t in (UNATTRIBUTED if kind == 2 else AI_PHRASES) if t not in ctx.added]
        if options:
            ctx.added.add(t := r.choice(options))
            return [para, fill(t, ctx)]
    if kind == 4:
        return [r.choice(CHROME), para]
    return [para, table(r, ctx, broken=True)]


def table(r: random.Random, ctx: Ctx, broken: bool = False) -> str:
    years = sorted(r.sample(range(2015, 2026), 3))
    rows = [f"| {ctx['COUNTRY'] if i == 0 else ctx['CITY2' if i == 1 else 'CITY']} | " +
            " | ".join(f"{r.uniform(0.5, 9.5):.1f}" for _ in years) + " |" for i in range(3)]
    if broken:  # a row with a missing cell
        rows[r.randrange(3)] = rows[0].rsplit(" |", 2)[0] + " |"
    head = "| Area | " + " | ".join(str(y) for y in years) + " |\n|---|" + "---:|" * len(years)
    return head + "\n" + "\n".join(rows)


DESKS = list(LEADS)


def story(r: random.Random, desk: str, ctx: Ctx, budget: int, used: set[str], shared: bool) -> tuple[str, list[str]]:
    """A headline, a lead and body paragraphs of one desk, each body template used at most once per file."""
    k = r.randrange(len(LEADS[desk]))
    headline = fill(HEADLINES[desk][k], ctx)
    paras = [fill(LEADS[desk][k], ctx)]
    pool = [t for t in BODY[desk] + (SHARED if shared else []) if t not in used]
    r.shuffle(pool)
    total = len(paras[0])
    while pool:
        p = fill(pool.pop(), ctx)
        if pool and r.random() < 0.3:  # run two templates together into one longer paragraph
            p += " " + fill(pool.pop(), ctx)
        if total + len(p) > budget and len(paras) > 2:
            if r.random() < 0.5:  # end on the shorter side or the longer side of the budget
                break
            budget = 0
        paras.append(p)
        total += len(p) + 2
    used.update(t for t in BODY[desk] + SHARED if t not in pool)
    return headline[0].upper() + headline[1:], paras


KEY_POINTS = ["The figures cover {MONTH} and are provisional.", "About {K} people are directly affected.",
              "The next review is due in {YEAR}.", "Comparable data for {CITY2} are published separately.",
              "Amounts are in euros at current prices."]


def article(r: random.Random, size: int, markdown: bool, defect_rate: float = 0.035) -> str:
    """One file, one story of one desk, about ``size`` characters long (shorter if the desk runs out of
    templates: no template is used twice in a file)."""
    desk = DESKS[r.randrange(len(DESKS))]
    ctx = Ctx(r, desk)
    byline = f"By {person(r)[0]}"
    credit = f"(Reporting by {person(r)[0]}; additional reporting by {person(r)[0]} in {ctx['CITY2']}; " \
             f"editing by {person(r)[0]})"
    budget = size - len(byline) - len(credit) - 60 - (300 if markdown else 0)
    title, paras = story(r, desk, ctx, budget, set(), shared=True)
    paras = [q for p in paras for q in (defect(r, p, ctx) if r.random() < defect_rate else [p])]
    if markdown:
        mid = max(2, len(paras) // 2)
        key = ["## Key figures", table(r, ctx), "\n".join(f"- {fill(t, ctx)}" for t in r.sample(KEY_POINTS, 2))]
        blocks = [f"# {title}", f"*{byline}*", *paras[:mid], *key, *paras[mid:], credit]
    else:
        blocks = [title, byline, *paras, credit]
    return "\n\n".join(blocks) + "\n"


def write_manifest(args: argparse.Namespace, path: str, size: int) -> None:
    """A hidden manifest (no linter reads it) so benchmarks/run.py can tell a stale corpus."""
    with open(os.path.abspath(__file__), "rb") as fh:
        generator = hashlib.sha256(fh.read()).hexdigest()[:16]
    with open(os.path.join(args.out, ".manifest.json"), "w", encoding="utf-8") as fh:
        json.dump({"generator": generator, "seed": args.seed, "count": args.count, "size": args.size,
                   "big": args.big, "bytes": size}, fh)
        fh.write("\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus"))
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--size", type=int, default=4600, help="mean article size in characters (default 4600)")
    ap.add_argument("--big", type=float, help="write one file of about this many MB (articles run together) instead")
    args = ap.parse_args()
    r = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    if args.big:
        path = os.path.join(args.out, "big.txt")
        with open(path, "w", encoding="utf-8") as fh:
            written = i = 0
            while written < args.big * 1e6:
                a = article(r, args.size, markdown=False)
                fh.write(a + "\n")
                written += len(a.encode()) + 1
                i += 1
        print(f"wrote {path} ({written / 1e6:.1f} MB)")
        write_manifest(args, path, written)
        return
    for name in os.listdir(args.out):  # a stale corpus from another seed or count would skew results
        if name.startswith("article_") and name.endswith((".txt", ".md")):
            os.remove(os.path.join(args.out, name))
    total = 0
    seen: set[str] = set()
    for i in range(args.count):
        md = r.random() < 0.04
        while True:
            # sizes spread around the mean; the loop stops before the target, so aim a little high
            text = article(r, int(r.gauss(args.size - 70, 450)), markdown=md)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in seen:
                seen.add(digest)
                break
        with open(os.path.join(args.out, f"article_{i:04d}{'.md' if md else '.txt'}"), "w", encoding="utf-8") as fh:
            fh.write(text)
        total += len(text.encode())
    write_manifest(args, args.out, total)
    print(f"wrote {args.count} articles ({total / 1e6:.2f} MB, {total / args.count / 1e3:.1f} KB each) to {args.out}")


if __name__ == "__main__":
    main()
