"""Cue phrases that bear on priority (the rubric's table and its signals).

Same phrase syntax and use as vocabulary.py. rules.py reads the signals that move a
ticket up one step (UP_SIGNAL, NOT_URGENT, LOSING_BUSINESS, DEADLINE_SIGNAL, with
DEADLINE_SOON) and OUTAGE (tie-break 2); features.py combines the critical ones.
"""

# Phrase tables stay packed, several phrases a line, as written: one a line would make
# each table several screens long.
# fmt: off

OUTAGE = (
    "site down", "website down", "is down", "are down", "seems ~ down", "still down",
    "down for everyone", "down for all", "down since", "went down ~ today", "502", "503",
    "bad gateway", "service unavailable", "production ~ down", "page blanche", "pagina en blanco",
    "unreachable", "refuses connections", "nicht erreichbar", "fora do ar", "whole site",
    "entire site", "cant reach us", "cant reach ~ site", "cant reach ~ website",
    "cant reach ~ shop",
)
DATA_LOSS = (
    "all ~ gone", "everything ~ gone", "are gone", "is gone", "all ~ deleted", "deleted ~ all",
    "everything ~ deleted", "were deleted", "was deleted", "got deleted", "been deleted",
    "data loss", "lost ~ data", "lost all", "wiped", "corrupt*", "overwritten", "mixed up",
    "mixed together", "scrambled", "verloren", "perdido*", "perdu*", "kwijt", "borrad*", "geloscht",
    "supprime*", "apagad*", "accidentally deleted", "deleted ~ by accident", "deleted ~ by mistake",
    "restore ~ deleted", "recover ~ deleted", "undelete", "all ~ disappeared",
    "everything ~ disappeared", "data ~ disappeared", "files ~ disappeared",
    "records ~ disappeared",
)
# Every customer of the requester's business affected: the critical row.
MASS_IMPACT = (
    "no customer can", "none of our customers", "every single customer", "zero sales",
    "zero orders", "no orders", "no sales", "tous nos clients", "todos nuestros clientes",
    "alle kunden", "alle klanten", "todos os clientes", "all customers are affected",
    "every customer*", "no customer* can", "no user* can", "no patient* can", "no student* can",
    "no client* can", "no visitor* can", "no guest* can", "no employee* can", "all # of our",
    "every single ~ payment*", "every ~ payment* ~ declined", "every ~ payment* ~ fail*",
    "zero successful", "no successful", "whole customer base", "entire customer base",
    "whole user base", "entire user base", "whole patient base", "all # ~ customers",
    "all # ~ users", "all # ~ subscribers", "all # ~ contacts", "all # ~ employees",
    "all # ~ patients", "all # ~ students", "entire database", "whole database", "every one of our",
    "all our members", "all # ~ members", "cant take ~ single payment",
    "cannot take ~ single payment",
)
# Legal and compliance matters: critical when the deadline is within hours.
LEGAL = (
    "court order", "subpoena", "legal hold", "regulator*", "lawsuit", "police", "auditor*",
    "tax office", "tax audit", "being audited", "audit ~ today", "compliance deadline",
    "regulatory deadline",
)
WITHIN_HOURS = ("within ~ hours", "in # hours", "today", "tonight", "by # pm", "by # am")
BLOCKED = (
    "cant", "cannot", "unable to", "no puedo", "nao consigo", "kann nicht", "kan niet",
    "impossible de", "arrive pas", "lukt niet", "does nothing", "nothing happens", "cant work",
    "cant use", "unable to work", "unable to use", "at all", "completely", "no other way",
    "no workaround", "nobody can", "no one can", "we are stuck", "im stuck", "blocked", "cant play",
    "cant ship", "cant deploy", "cant reply", "cant send", "cant finish", "cant open", "cant do",
    "cant get any", "cant complete", "cant pay", "whole team", "entire team", "cant do anything",
    "cant ~ anything", "nao consigo trabalhar", "no puedo trabajar", "no puedo enviar",
    "kann nicht arbeiten", "impossible de travailler", "kan niet werken", "stuck",
    "nothing arrives", "cant get", "cant access", "unusable", "unplayable ~ everything",
    "none of us can", "none of ~ can", "whole office", "entire office", "non riesco", "nie moge",
    "nie mozna",
)
DEADLINE_SOON = (
    "tomorrow", "tonight", "this afternoon", "by # pm", "by # am", "before # pm", "end of ~ day",
    "eod", "manana", "demain", "amanha", "heute noch", "hoy mismo", "vandaag nog", "due today",
    "needed today", "need it today", "closes today", "goes out today", "deadline ~ today",
    "before # today", "must ~ today", "have to ~ today", "has to ~ today", "need to ~ today",
    "needs to ~ today",
)
INTERMITTENT = (
    "sometimes", "intermittent*", "random*", "every few", "from time to time", "occasionally",
    "some visitors", "some users", "some customers", "manchmal", "a veces", "parfois", "as vezes",
    "soms", "now and then", "# of calls", "# of requests", "usually",
)
WORKAROUND = (
    "workaround", "work around", "for now", "meanwhile", "in the meantime", "stopgap",
    "still works", "can still", "still work", "works fine", "work fine", "working fine",
    "plays fine", "loads fine", "runs fine", "prints ~ fine", "is fine on", "are fine on",
    "i use that", "using that", "manually", "by hand", "refresh* fixes", "reload*",
    "retry* ~ works", "helps", "kann damit arbeiten", "man kann", "handmatig", "manualmente",
    "a mano", "carry on", "can live with", "not the end of the world", "no big deal",
    "not a big deal", "polling", "shows them correctly", "still clickable", "ok ish", "can get in",
    "can still ~ log in", "can still ~ sign in", "werkte wel", "werkt wel", "as a stopgap",
    "use ~ instead", "using ~ instead", "used ~ instead", "paid ~ instead", "retry ~ goes through",
    "retry ~ works", "second attempt", "i log back in", "logging back in", "everything is fine",
    "everything works fine", "manuell", "na razie", "per ora", "intanto", "its usable",
    "still usable",
)
COSMETIC = (
    "cosmetic*", "looks off", "tiny", "minor", "typo*", "misalign*", "overlap*", "blurry", "fyi",
    "just letting you know", "cut off", "unreadable", "layout", "spelling", "not game breaking",
    "can live with", "greyed out", "misspel*", "tooltip", "clip* through", "small thing",
    "looks odd", "looks weird", "looks strange", "looks unprofessional", "barely visible",
    "hard to read", "hard to see", "contrast", "just so you know",
)
# The rubric's signals that move a ticket up one step, and their equivalents ("the whole
# company", "none of us can").
UP_SIGNAL = (
    "all users", "all ~ users", "every user", "everyone", "everybody", "nobody can", "no one can",
    "all customers", "all our customers", "all of our customers", "production", "prod", "asap",
    "as soon as possible", "urgent*", "urgence", "urgente*", "dringend*", "spoed*",
    "so schnell wie moglich", "lo antes posible", "des que possible", "o mais rapido",
    "zo snel mogelijk", "since ~ this morning", "depuis ce matin", "desde esta manana",
    "seit heute morgen", "desde hoje de manha", "desde esta manha", "sinds vanochtend",
    "sinds vanmorgen", "none of us can", "nobody in", "no one in", "whole office", "entire office",
    "whole company", "entire company", "all ~ employees", "all ~ staff", "all our ~ users", "pilne",
    "pilnie", "subito", "for any of our", "none of our",
)
# Each cancels one signal: "not urgent", "urgent shipping" (a product option), "everyone except
# three users".
NOT_URGENT = (
    "not urgent", "no rush", "not a rush", "isnt urgent", "nicht dringend", "no es urgente",
    "pas urgent", "nao e urgente", "niet dringend", "no hurry", "urgent shipping",
    "urgent delivery", "envio urgente", "everyone except", "everybody except", "works for everyone",
    "everybody else", "everyone else",
)
# "We are losing money": a signal that moves a ticket up, and no sign that money is its subject.
LOSING_BUSINESS = (
    "losing ~ money", "losing ~ customers", "losing ~ sales", "losing ~ revenue",
    "losing ~ clients", "losing ~ orders", "perdiendo ~ dinero", "perdiendo ~ clientes",
    "verlieren ~ geld", "verlieren ~ kunden", "perdons ~ clients", "perdendo ~ clientes",
)
# "We have a deadline" raises a ticket one step, unless the deadline is what made it high.
DEADLINE_SIGNAL = ("deadline*",)


PRIORITY_CUE_GROUPS = {
    "outage": OUTAGE, "data_loss": DATA_LOSS, "mass_impact": MASS_IMPACT, "legal": LEGAL,
    "within_hours": WITHIN_HOURS, "blocked": BLOCKED, "deadline_soon": DEADLINE_SOON,
    "intermittent": INTERMITTENT, "workaround": WORKAROUND, "cosmetic": COSMETIC,
    "up_signal": UP_SIGNAL, "not_urgent": NOT_URGENT, "losing_business": LOSING_BUSINESS,
    "deadline_signal": DEADLINE_SIGNAL,
}
# fmt: on
