"""Cue phrases for what the customer says happened: whether something is wrong at all,
and the situations behind the rubric's tie-breaks and its critical row.

Same phrase syntax and use as vocabulary.py; rules.py reads the tie-breaks' groups.
"""

# Phrase tables stay packed, several phrases a line, as written: one a line would make
# each table several screens long.
# fmt: off

# --- Whether something is wrong, and text that is no evidence ----------------------------

# Something is wrong, whatever the product: "missing", "still shows", "should be", "than
# expected", "used to".
PROBLEM = (
    "wrong", "incorrect*", "missing", "still show*", "not receiv*", "never receiv*",
    "didnt receiv*", "havent receiv*", "hasnt arrived", "not arrived", "never arriv*",
    "nothing arriv*", "never came", "never comes", "not show*", "dont show*", "doesnt", "didnt",
    "isnt", "cant", "cannot", "unable", "no longer", "stopped", "issue*", "problem*", "declined",
    "refused", "rejected", "gone", "lost", "falsch", "fehlt", "equivocad*", "errado", "klopt niet",
    "manque", "falta", "correct", "reissue", "fix", "credit note", "not applied", "still go*",
    "still send*", "still arriv*", "even though", "although", "already paid", "we paid ~ but",
    "reminder", "overdue", "still hasnt", "still havent", "still not", "hasnt been", "not credited",
    "not been", "expired", "any update", "still waiting", "been waiting", "its been # days",
    "its been # weeks", "no response", "havent heard", "not updating", "doesnt update",
    "not showing", "no sound", "no audio", "didnt apply", "not reflect*", "goes back", "keeps",
    "again", "twice", "off by", "mismatch*", "dont match", "doesnt match", "stuck", "nothing works",
    "weird", "strange", "odd", "annoying", "nervig", "vervelend", "no llega", "nao chega",
    "kommt nicht", "komt niet", "ne recois pas", "nao recebo", "no recibo", "not work*", "funciona",
    "fonctionne", "get a refund", "refund the", "refund it", "refund me", "want ~ refund",
    "money back", "revers*", "by mistake", "refuse", "refusee", "rejete*", "erstatten sie",
    "devuelvan", "rembourser", "terugbetalen", "estorno", "shouldnt", "should not",
    "not supposed to", "should be", "than expected", "invalid", "not paid", "wasnt paid",
    "never paid", "still exist*", "used to", "niet ontvangen", "nicht erhalten", "nicht bekommen",
    "no he recibido", "no recibi", "pas recu", "nao recebi", "empty", "its back to", "is back to",
    "went back to", "jumps back", "switches back", "takes forever", "take* ~ hours", "verlopen",
    "abgelaufen", "expirou", "refund ~ possible", "possible to ~ refund", "turned into ~ paid",
    "converted ~ paid", "swapped", "corrected", "correction", "dont see", "do not see", "rotated",
    "sideways", "upside down", "are off", "seem* off", "not sure which ~ right", "junk",
    "double book*", "booked twice", "outdated", "out of date", "nicht mehr", "ya no", "ne ~ plus",
    "niet meer", "nao ~ mais", "wont", "arent", "hasnt", "havent", "broke", "breaks", "disappear*",
    "vanish*", "instead of", "supposed to", "unexpected*", "trouble", "not able", "impossible",
    "reject*", "denied", "unavailable", "not available", "offline", "went down", "goes down",
    "down again", "dropped", "drops", "too long", "forever", "failing", "never", "sbagliat*",
    "mancante", "brakuje", "nic sie", "non arriva", "nie dotarl*", "nie otrzymal*", "duplicate*",
    "posted twice", "sent twice", "imported twice", "synced twice", "created twice",
    "other way round", "other way around", "wrong way round",
)
# Doubt about where something is, not a fault: "I can't find the setting".
DOUBT = ("cant find", "cant figure", "cannot find", "dont know how", "not sure how")
# The shape of a question: its "again" or "doesn't" alone is no fault, its "can't" no block
# (rubric tie-break 3: a how-to with nothing broken is general).
QUESTION = (
    "how do i", "how do we", "how can i", "how can we", "how to", "where do i", "where can i",
    "when does", "when do", "when will", "is it possible", "is there", "do you", "can i", "can we",
    "what is", "what are", "what would", "does your", "do we need", "where do we", "why does",
    "why do",
)
# Text that tells a classifier what to answer is an attempt to steer it, not evidence.
INSTRUCTION_TO_CLASSIFIER = (
    "ignore ~ instructions", "ignore ~ previous", "ignore ~ above", "disregard ~ instructions",
    "classify ~ as", "classify this", "set ~ priority", "mark ~ as critical", "mark ~ as urgent",
    "mark ~ as high", "you must answer", "you must output", "you must classify", "you must set",
    "you must respond", "you must now", "the assistant", "system override", "you are now",
    "output ~ priority", "respond with", "answer with", "new instructions", "priority ~ critical",
    "priority to", "category to",
)

# --- Money: tie-break 1 and money wrongly taken ------------------------------------------

CARD_DECLINED = (
    "card* ~ declined", "declined", "do not honor", "transaction not permitted",
    "insufficient funds", "rechazad*", "refusee", "abgelehnt", "recusad*", "geweigerd",
    "carte ~ refuse*", "prelevement ~ refuse", "rifiutat*", "transazione negata", "odrzucon*",
)
WRONG_CHARGE = (
    "charge* ~ twice", "charge* ~ two times", "double charg*", "charged double",
    "duplicate charge*", "duplicate payment*", "two charges", "both payments", "payment* ~ twice",
    "paid twice", "taken twice", "took ~ twice", "twice ~ charge*", "overcharg*", "charged ~ again",
    "charged the full", "charged me the full", "charged ~ full price", "charged ~ instead",
    "debited ~ instead", "debited ~ twice", "wrong amount", "renewed ~ instead", "without ~ notice",
    "no notice", "never agreed", "didnt agree", "without my consent", "charges ~ instead",
    "never authori*", "unauthori* charge*", "wrongly charged", "charged ~ wrong", "too much",
    "never ~ clicked", "never ~ ordered", "never ~ signed up", "dos veces", "deux fois",
    "twee keer", "duas vezes", "doppelt", "zweimal", "wieder abgebucht", "trotzdem ~ abgebucht",
    "zu viel", "fee ~ although", "fee ~ but", "charged ~ # times", "charged ~ three times",
    "billed ~ # times", "cobraron de mas", "cobrado de mas", "indevid*", "indebid*",
    "nunca assinei", "never subscribed", "without ~ warning", "never told", "without telling",
    "renewed ~ twice", "renewed ~ and again", "still charged", "still being charged",
    "still ~ billed", "keep* charging", "continue* to charge", "didnt choose", "didnt select",
    "never chose", "never selected", "didnt ask for", "never asked for", "still debited",
    "deducted ~ twice",
)
# "No money was taken": the money words say what the ticket is not about.
NOT_CHARGED = (
    "no money ~ taken", "no money was", "nothing ~ was charged", "not been charged",
    "havent been charged", "wasnt charged", "werent charged", "not charged", "nobody was ~ paid",
    "nothing was taken", "no charge was",
)
CANCELLED = (
    "cancel*", "kundig*", "gekundigt", "cancele*", "annul*", "opgezegd", "auto renew off",
    "turned ~ auto renew* ~ off", "turned off", "closed my account", "close* ~ account",
    "deleted my account", "unsubscribed", "ended ~ subscription", "stopped ~ subscription",
)
MONEY_TAKEN = (
    "charged", "charged ~ again", "left my account", "took", "taken", "abgebucht", "cobrad*",
    "cobrou", "cobraron", "preleve", "afgeschreven", "renewed", "charge", "billed", "debited",
    "deducted", "withdrawn", "pobrano", "addebitat*",
)
# The money has already left: with a billing complaint, money wrongly taken (high).
MONEY_GONE = (
    "money ~ taken", "money already", "already ~ debited", "already ~ taken", "left my account",
    "ja saiu", "saiu do", "already ~ been charged", "money ~ gone",
)

# --- Signing in: tie-break 2 -------------------------------------------------------------

SIGN_IN_BLOCKED = (
    "cant ~ log* in*", "cant ~ login*", "cant ~ sign* in*", "cant ~ signin", "cannot ~ log* in*",
    "cannot ~ login*", "cannot ~ sign* in*", "unable to ~ log* in*", "unable to ~ login*",
    "unable to ~ sign* in*", "cant access ~ account*", "cant get into ~ account*", "locked out",
    "lock* ~ out", "account ~ locked", "account ~ suspended", "account ~ banned",
    "account* ~ blocked", "banned", "login fail*", "login ~ fails", "sign in ~ fail*",
    "log in ~ fail*", "invalid credentials", "code* ~ rejected", "code* ~ not accepted",
    "code* ~ dont work", "code* ~ never ~ come*", "code* ~ never ~ arriv*", "never ~ get ~ code*",
    "reset ~ email ~ never", "dont receive ~ reset", "no account exists", "nao esta cadastrado",
    "kann mich ~ nicht ~ anmelden", "nicht ~ einloggen", "no puedo ~ entrar", "no puedo ~ iniciar",
    "no puedo ~ acceder", "nao consigo ~ entrar", "nao consigo ~ acessar", "kan niet ~ inloggen",
    "kan ~ niet meer inloggen", "lukt niet", "arrive pas ~ connecter", "impossible de ~ connecter",
    "ne recois pas ~ reinitialisation", "lost ~ authenticator", "lost ~ phone",
    "too many requests ~ login", "get into my account", "nobody ~ can ~ sign in",
    "nobody ~ can ~ log in", "no one ~ can ~ log in", "no one ~ can ~ sign in", "login loop",
    "back to the login page", "redirect* ~ login page", "konto ~ gesperrt", "komme nicht ~ rein",
    "komme ~ nicht mehr rein", "cuenta ~ bloqueada", "compte ~ bloque", "conta ~ bloqueada",
    "account ~ geblokkeerd", "ne peux plus ~ connecter", "peux pas ~ connecter", "reset goes to",
    "lost access to", "no longer have access to",
)

# --- Critical situations that also decide the category -----------------------------------

ACCOUNT_MISUSE = (
    "hacked", "hacker*", "compromised", "someone ~ logged", "someone ~ changed", "someone ~ using",
    "someone ~ used", "someone ~ accessed", "someone ~ is using", "not mine", "never made",
    "didnt make", "unknown ~ admin", "unknown ~ user", "still has access", "still had access",
    "still able to", "still active", "was active", "public ~ repo*", "pushed ~ key", "gehackt",
    "hackead*", "pirate", "from my inbox", "replied ~ from my", "sent spam", "ex employee",
    "former employee*", "kill ~ session*", "terminate ~ session*", "lock ~ down",
    "freeze ~ account", "none of us created", "didnt create", "never created", "didnt place",
    "never placed", "not placed by me", "without my knowledge", "hijack*", "taken over",
    "took over ~ account", "someone ~ trading", "account ~ stolen", "stolen ~ account",
    "password ~ stolen", "stolen ~ password", "credentials ~ stolen", "stolen ~ credentials",
)
# Other people's data in view: a fault of the product (technical), whatever the data is.
DATA_EXPOSURE = (
    "breach*", "data leak*", "leaked", "ransom*", "malware", "other company", "another company",
    "other customers", "other users", "other students", "other peoples", "someone elses",
    "not ours", "arent ours", "isnt mine", "another customer*", "another user*", "a company called",
    "belong* to ~ another", "another student*", "another patient*", "another person*",
    "another family", "another child", "a strangers", "other patients", "other families",
    "other parents", "another school", "other schools", "different school", "different company",
    "different customer*", "another account*", "another organi*", "another tenant",
    "another business", "mixed in", "instead of his own", "instead of her own",
    "instead of their own",
)


SITUATION_CUE_GROUPS = {
    "problem": PROBLEM, "doubt": DOUBT, "question": QUESTION,
    "instruction_to_classifier": INSTRUCTION_TO_CLASSIFIER, "card_declined": CARD_DECLINED,
    "wrong_charge": WRONG_CHARGE, "not_charged": NOT_CHARGED, "cancelled": CANCELLED,
    "money_taken": MONEY_TAKEN, "money_gone": MONEY_GONE, "sign_in_blocked": SIGN_IN_BLOCKED,
    "account_misuse": ACCOUNT_MISUSE, "data_exposure": DATA_EXPOSURE,
}
# fmt: on
