"""Cue phrases of the fallback classifier, grouped by what they tell about a ticket.

Phrase syntax is explained in fallback_text.py. Text is matched case-folded and without
accents ("ne recois pas", "nao consigo"), apostrophes of English contractions dropped
("cant", "dont"). Besides English, the commonest words of German, Spanish, French,
Portuguese and Dutch tickets are listed; anything rarer is left to Gemini.
"""

# --- What the ticket is about (category evidence) -----------------------------------

BILLING = (
    "invoice*", "receipt*", "refund*", "charge*", "billing", "billed", "overbill*", "vat", "tax",
    "taxes", "credit note", "iban", "bank transfer", "payment method", "price*", "pricing",
    "renew*", "payout*", "cashback", "overcharg*", "promo*", "coupon*", "fee", "fees", "money",
    "pro rata", "prorat*", "reimburs*", "direct debit", "paypal", "factur*", "fatura*", "rechnung*",
    "abgebucht", "abbuch*", "erstatt*", "ruckerstatt*", "gebuhr*", "cobr*", "reembols*",
    "devolver*", "devuelvan", "cargo*", "rembours*", "prelevement*", "preleve*", "estorno",
    "afschrijving*", "afgeschreven", "terugbetal*", "tva", "mwst", "iva", "btw", "geld", "dinero",
    "argent", "dinheiro", "service credit", "sla credit", "credited", "statement*", "chargeback*",
    "dispute*", "top up", "topped up", "in app purchase*", "purchase*", "membership fee*",
    "renewal*", "price increase", "installment*", "sepa", "direct debit*", "wallet", "balance",
    "gems", "coins", "vbucks", "shipping cost*", "shipping fee*", "quote", "quotation", "debit*",
    "debite*", "amount*",
)
BILLING_WEAK = (
    "pay", "paid", "payment*", "subscription*", "subscri*", "trial", "card", "cards", "credit card",
    "upgrade*", "downgrade*", "cost*", "discount*", "cancel*", "zahlung*", "bezahl*", "pago*",
    "paiement*", "pagamento*", "betaling*", "abonnement*", "abo", "suscripcion*", "assinatura*",
    "kundig*", "lizenz*", "license*", "seats", "annual", "yearly", "monthly", "eur", "usd",
)
ACCOUNT = (
    "log in*", "login*", "logon", "log on", "sign in*", "signin", "sign on", "password*",
    "passwort*", "kennwort*", "wachtwoord*", "contrasena*", "senha*", "mot de passe", "2fa", "mfa",
    "two factor", "2 factor", "authenticator*", "verification code*", "otp", "sso", "saml", "okta",
    "azure ad", "locked out", "username*", "user name", "profile*", "invite*", "invitation*",
    "permission*", "role", "roles", "admin rights", "hacked", "hack", "compromis*", "suspicious",
    "sessions", "ownership", "owner", "delete ~ account", "close ~ account", "merge ~ accounts",
    "banned", "unban*", "suspended", "deactivat*", "api key*", "api token*", "revoke*", "anmeld*",
    "einlogg*", "gesperrt", "iniciar sesion", "usuario*", "identifiant*", "connecter", "connexion",
    "inlog*", "gebruikersnaam", "team member*", "two step", "new device", "login email",
    "email address", "sign up", "signup", "register*", "change ~ name", "display name",
    "in game name", "nickname", "gamertag", "verify my identity", "identity verification",
    "id verification", "kyc", "account recovery", "recover ~ account", "activation email",
    "activate ~ account", "confirm ~ email", "verification email", "link* ~ account", "unlink*",
    "parent account", "child account", "family sharing", "guest access", "passkey*", "security key",
    "magic link", "reset link", "access rights", "user rights", "seat assignment", "add ~ user",
    "remove ~ user",
)
ACCOUNT_WEAK = (
    "account*", "konto", "cuenta", "compte", "conta", "access", "admin", "user", "users", "member*",
    "session", "entrar", "security",
)
TECHNICAL_FAULT = (
    "error*", "bug", "bugs", "buggy", "crash*", "broken", "not working", "doesnt work",
    "does not work", "dont work", "didnt work", "stopped working", "no longer work*", "fail*",
    "timeout*", "timed out", "time out", "slow*", "lag", "lags", "laggy", "freez*", "froze",
    "frozen", "buffering", "outage", "is down", "are down", "500", "502", "503", "504", "404",
    "exception*", "traceback", "stack trace", "glitch*", "blank", "not load*", "wont load",
    "doesnt load", "corrupt*", "unreachable", "fehler*", "absturz*", "sturzt", "funktioniert nicht",
    "geht nicht", "langsam", "no funciona", "falla*", "lento", "se cierra", "erreur*",
    "ne fonctionne", "marche pas", "plante", "bloque", "erro", "nao funciona", "trava*",
    "werkt niet", "fout*", "traag", "loopt vast", "page blanche", "pagina en blanco",
    "not respond*", "unresponsive", "not sending", "wont send", "doesnt send", "bounce*", "delayed",
    "arriv* ~ late", "doesnt save", "wont save", "not saved", "not saving", "doesnt remember",
    "doesnt stick", "forgets", "reverts", "resets", "battery drain", "black screen", "white screen",
    "spinning", "loading forever", "infinite loading", "keeps loading", "keeps crashing",
    "connection lost", "lost connection", "cant connect", "server error", "dropped calls",
    "no signal", "no service", "no internet", "keeps disconnecting", "drains ~ battery",
    "overheat*", "really hot", "closes", "keeps closing", "hangs",
)
# Parts of a product: they say a ticket is technical only when something is broken.
TECHNICAL = (
    "sync*", "webhook*", "integration*", "deploy*", "server*", "database*", "ssl",
    "certificate expir*", "dns", "latency", "ping", "leak*", "synchronis*", "synchroniz*",
    "sincroniz*", "outbox", "ssh", "ftp", "vps", "cron*", "plugin*", "extension*", "endpoint*",
    "api", "apis", "cache", "backup*", "script*", "query", "queries", "bandwidth", "uptime",
    "hosting", "template*", "firmware", "wifi", "internet", "router", "modem", "bluetooth",
    "printer", "scanner", "microphone", "camera", "playback", "subtitle*", "stream*", "calendar",
    "spreadsheet*", "csv", "pdf", "checkout", "cart", "loading screen", "connection*",
    "disconnect*",
)
TECHNICAL_WEAK = (
    "export*", "import*", "upload*", "download*", "install*", "update*", "patch", "version", "app",
    "apps", "android", "ios", "iphone", "ipad", "browser*", "chrome", "firefox", "safari", "edge",
    "windows", "mac", "website", "site", "page", "load*", "display*", "notification*", "mobile",
    "desktop", "report*", "feature", "aplicativo", "aplicacion", "anwendung",
)
GENERAL = (
    "feature request*", "would love", "would be great", "would be nice", "would be helpful",
    "it would be", "could you add", "please add", "suggestion*", "suggest*", "feedback", "thank*",
    "kudos", "great job", "well done", "amazing", "fantastic", "awesome", "love the", "love it",
    "docs", "documentation", "roadmap", "partner*", "reseller*", "agency", "webinar*", "training*",
    "onboarding", "gdpr", "dpa", "data processing", "privacy", "datenschutz*", "soc 2", "soc2",
    "questionnaire", "procurement", "job opening*", "career*", "hiring", "vacanc*", "newsletter*",
    "marketing email*", "student discount*", "nonprofit*", "enterprise plan", "sales", "demo",
    "compatible", "support hours", "opening hours", "recommend*", "sandbox", "tutorial*", "guide",
    "guides", "terms of service", "press", "sponsor*", "conference", "survey", "opinion",
    "contact you", "phone number for", "office*", "shortcut*", "offline mode", "widget*",
    "keyboard", "funcionalidad*", "fonctionnalite*", "sugestao", "sugerencia*", "vorschlag",
    "suggestie", "seria otimo", "ce serait", "seria genial", "ware toll", "zou fijn", "gracias",
    "merci", "danke", "obrigad*", "bedankt", "languages", "translation*", "accessib*",
    "screen reader*", "complain*", "interface", "design",
)

# --- Whether something is wrong, and text that is no evidence --------------------------

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
    "devuelvan", "rembourser", "terugbetalen", "estorno",
)
# Doubt about where something is, not a fault: "I can't find the setting".
NOT_A_FAULT = (
    "cant find", "cant figure", "cannot find", "dont know how", "not sure how", "not a bug",
    "nothing is broken", "nothing broken",
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

# --- Tie-break situations ------------------------------------------------------------

CARD_DECLINED = (
    "card* ~ declined", "declined", "do not honor", "not permitted", "insufficient funds",
    "rechazad*", "refusee", "abgelehnt", "recusad*", "geweigerd", "carte ~ refuse*",
    "prelevement ~ refuse",
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
    "zu viel", "fee ~ although", "fee ~ but",
)
CANCELLED = (
    "cancel*", "kundig*", "gekundigt", "cancele*", "annul*", "opgezegd", "auto renew off",
    "turned ~ auto renew* ~ off", "turned off",
)
MONEY_TAKEN = (
    "charged", "charged ~ again", "left my account", "took", "taken", "abgebucht", "cobrad*",
    "cobrou", "cobraron", "preleve", "afgeschreven", "renewed", "charge",
)
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
    "too many requests ~ login", "get into my account",
)

# --- Critical situations that also decide the category ---------------------------------

ACCOUNT_MISUSE = (
    "hacked", "hacker*", "compromised", "someone ~ logged", "someone ~ changed", "someone ~ using",
    "someone ~ used", "someone ~ accessed", "someone ~ is using", "not mine", "never made",
    "didnt make", "unknown ~ admin", "unknown ~ user", "still has access", "still had access",
    "still able to", "still active", "was active", "stolen", "public ~ repo*", "pushed ~ key",
    "gehackt", "hackead*", "pirate", "from my inbox", "replied ~ from my", "sent spam",
    "ex employee", "former employee*", "kill ~ session*", "terminate ~ session*", "lock ~ down",
    "freeze ~ account", "none of us created", "didnt create", "never created", "didnt place",
    "never placed", "not placed by me", "without my knowledge",
)
DATA_EXPOSURE = (
    "breach*", "data leak*", "leaked", "ransom*", "malware", "other company", "another company",
    "other customers", "other users", "other students", "other peoples", "someone elses",
    "not ours", "arent ours", "isnt mine", "another customer*", "another user*",
)

# Real words one inner-letter edit from a cue word, which the spelling correction must
# leave alone ("selling" is not "spelling"). Found by bench/classifier_false_friends.py
# against an English dictionary; re-run it after changing cue phrases.
NEVER_CORRECTED = frozenset({
    "agent", "aground", "anther", "ardent", "arent", "beach", "braking", "callas", "callus",
    "canto", "cashing", "chancel", "closets", "colins", "comers", "comets", "compete", "compote",
    "compute", "comte", "comtes", "contract", "crate", "crated", "cremate", "cremated", "crete",
    "darin", "darins", "deice", "deign", "deplete", "depleted", "elises", "elsies", "exits",
    "finnish", "fixers", "flails", "forges", "founds", "garcias", "genital", "greed", "hoisting",
    "horus", "hosing", "huangs", "hurray", "julie", "lading", "loner", "manna", "martin",
    "misusing", "monkey", "mooney", "mourning", "needled", "nerving", "notching", "noting",
    "outrage", "overeat", "paced", "palace", "papal", "pease", "perons", "pints", "plaice", "plane",
    "plate", "poling", "prate", "pricking", "prince", "rally", "readier", "recoils", "regally",
    "relied", "remainder", "replay", "resent", "resents", "rests", "reuse", "reused", "reuses",
    "reveres", "reverts", "robles", "sables", "salems", "salved", "salves", "salving", "scales",
    "selling", "serbia", "shales", "sharking", "sharping", "shaved", "shaving", "shearing",
    "shingle", "shtick", "singe", "singed", "sinning", "sipping", "slaved", "slaving", "smuggest",
    "snuggest", "sopped", "sowing", "spending", "spored", "stales", "staved", "staving", "steam",
    "strangle", "stropped", "struck", "sweats", "taxies", "theyre", "thrace", "three", "through",
    "timers", "toppled", "tough", "tracie", "trail", "trance", "tribal", "tuned", "ushers",
    "versification", "versify", "voices", "wheats", "wider", "widows",
})


CATEGORY_CUE_GROUPS = {
    "billing": BILLING, "billing_weak": BILLING_WEAK, "account": ACCOUNT,
    "account_weak": ACCOUNT_WEAK, "technical_fault": TECHNICAL_FAULT, "technical": TECHNICAL,
    "technical_weak": TECHNICAL_WEAK, "general": GENERAL,
    "problem": PROBLEM, "not_a_fault": NOT_A_FAULT,
    "instruction_to_classifier": INSTRUCTION_TO_CLASSIFIER, "card_declined": CARD_DECLINED,
    "wrong_charge": WRONG_CHARGE, "cancelled": CANCELLED, "money_taken": MONEY_TAKEN,
    "sign_in_blocked": SIGN_IN_BLOCKED, "account_misuse": ACCOUNT_MISUSE,
    "data_exposure": DATA_EXPOSURE,
}
