"""Cue phrases that say what a ticket is about: one cue group per line of the rubric.

Each group is a feature of the learned models (features.py): the models weigh them, so a
phrase here is evidence, not a verdict. Phrase syntax is explained in text.py. Text is
matched case-folded and without accents ("ne recois pas", "nao consigo"), apostrophes of
English contractions dropped ("cant", "dont"). Besides English, the commonest words of
German, Spanish, French, Portuguese, Dutch, Italian and Polish tickets are listed, which
the few labelled tickets in those languages could not teach the models. What the
customer says happened (a wrong charge, a lock-out) is in situation_vocabulary.py, what
bears on priority in priority_vocabulary.py.
"""

# Phrase tables stay packed, several phrases a line, as written: one a line would make
# each table several screens long.
# fmt: off

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
    "debite*", "amount*", "bill", "bills", "transaction*", "voucher*", "gift card*", "tariff*",
    "overdra*", "earnings", "commission*", "currency", "exchange rate", "dollars", "euros",
    "pounds", "gbp", "chf", "bucks", "fattura*", "rimbors*", "addebit*", "faktur*", "zwrot*",
    "platnos*", "oplat*", "pieniadze",
)
# Money words that also occur in other tickets ("card", "plan upgrade"): weaker evidence.
BILLING_WEAK = (
    "pay", "paid", "payment*", "subscription*", "subscri*", "trial", "card", "cards", "credit card",
    "upgrade*", "downgrade*", "cost*", "discount*", "cancel*", "zahlung*", "bezahl*", "pago*",
    "paiement*", "pagamento*", "betaling*", "abonnement*", "abo", "suscripcion*", "assinatura*",
    "kundig*", "lizenz*", "license*", "seats", "annual", "yearly", "monthly", "eur", "usd", "bank",
    "deposit*", "withdraw*", "transfer*", "premium", "points", "total", "contract*", "pending",
)
ACCOUNT = (
    "log in*", "login*", "logon", "log on", "sign in*", "signin", "sign on", "password*",
    "passwort*", "kennwort*", "wachtwoord*", "contrasena*", "senha*", "mot de passe", "2 fa", "mfa",
    "two factor", "2 factor", "authenticator*", "verification code*", "otp", "sso", "saml", "okta",
    "azure ad", "locked out", "username*", "user name", "profile*", "invite*", "invitation*",
    "permission*", "role", "roles", "admin rights", "hacked", "hack", "compromis*", "suspicious",
    "sessions", "ownership", "owner", "delet* ~ account", "close ~ account", "merge ~ accounts",
    "banned", "unban*", "suspended", "deactivat*", "api key*", "api token*", "revoke*", "anmeld*",
    "einlogg*", "gesperrt", "iniciar sesion", "usuario*", "identifiant*", "connecter", "connexion",
    "inlog*", "gebruikersnaam", "team member*", "two step", "new device", "login email",
    "email address", "sign up", "signup", "register*", "change ~ name", "display name",
    "in game name", "nickname", "gamertag", "verify my identity", "identity verification",
    "id verification", "kyc", "account recovery", "recover ~ account", "activation email",
    "activate ~ account", "confirm ~ email", "verification email", "link* ~ account", "unlink*",
    "parent account", "child account", "family sharing", "guest access", "passkey*", "security key",
    "magic link", "reset link", "access rights", "user rights", "seat assignment", "add ~ user",
    "remove ~ user", "uitnodig*", "add ~ colleague*", "invite ~ colleague*", "accedere", "haslo",
    "hasla", "zalogowac", "logowani*", "signed up", "which email", "forgot ~ email",
    "forgot ~ username",
)
ACCOUNT_WEAK = (
    "account*", "konto", "cuenta", "compte", "conta", "access", "admin", "user", "users", "member*",
    "session", "entrar", "security",
)
# The product misbehaving, in words that need no error message: "stays white", "keeps spinning",
# "lands in spam", "doesn't add up".
TECHNICAL_FAULT = (
    "error*", "bug", "bugs", "buggy", "crash*", "broken", "not working", "doesnt work",
    "does not work", "dont work", "didnt work", "stopped working", "no longer work*", "fail*",
    "timeout*", "timed out", "time out", "slow*", "lag", "lags", "laggy", "freez*", "froze",
    "frozen", "buffering", "outage", "is down", "are down", "502", "503", "504", "exception*",
    "traceback", "stack trace", "glitch*", "blank", "not load*", "wont load", "doesnt load",
    "corrupt*", "unreachable", "fehler*", "absturz*", "sturzt", "funktioniert nicht", "geht nicht",
    "langsam", "no funciona", "falla*", "lento", "se cierra", "erreur*", "ne fonctionne",
    "marche pas", "plante", "bloque", "erro", "nao funciona", "trava*", "werkt niet", "fout*",
    "traag", "loopt vast", "page blanche", "pagina en blanco", "not respond*", "unresponsive",
    "not sending", "wont send", "doesnt send", "bounce*", "delayed", "arriv* ~ late", "doesnt save",
    "wont save", "not saved", "not saving", "doesnt remember", "doesnt stick", "forgets", "reverts",
    "resets", "battery drain", "black screen", "white screen", "spinning", "loading forever",
    "infinite loading", "keeps loading", "keeps crashing", "connection lost", "lost connection",
    "cant connect", "server error", "dropped calls", "no signal", "no service", "no internet",
    "keeps disconnecting", "drains ~ battery", "overheat*", "really hot", "closes", "keeps closing",
    "hangs", "error #", "http #", "status #", "returns #", "returning #", "returned #", "a 500",
    "a 404", "500 s", "502 s", "503 s", "504 s", "404 s", "not found", "stays white", "stays blank",
    "stay* white", "stay* blank", "white page", "blank page", "keeps spinning", "spins forever",
    "stopped syncing", "not syncing", "doesnt sync", "wont sync", "land* in ~ spam",
    "end* up in ~ spam", "goes to ~ spam", "go to ~ spam", "going to ~ spam", "spam folder*",
    "dont add up", "doesnt add up", "wont open", "doesnt open", "wont start", "doesnt start",
    "does nothing", "nothing happens", "used to take", "used to finish", "used to work", "nao abre",
    "no abre", "nao carrega", "no carga", "tela de carregamento", "pantalla de carga",
    "out of sync", "shifted", "junk folder", "in ~ junk", "to ~ junk", "double booked",
    "double booking", "non funziona", "errore*", "si blocca", "nie dziala", "blad*", "awaria",
    "zawiesza", "nie laduje", "zatrzymuje sie", "flicker*", "403", "forbidden", "is offline",
    "are offline", "went offline", "show* ~ offline", "terminal* offline",
)
# Parts of a product: technical when something is broken, general in a how-to question.
TECHNICAL = (
    "sync*", "webhook*", "integration*", "deploy*", "server*", "database*", "ssl",
    "certificate expir*", "dns", "latency", "ping", "leak*", "synchronis*", "synchroniz*",
    "sincroniz*", "outbox", "ssh", "ftp", "vps", "cron*", "plugin*", "extension*", "endpoint*",
    "api", "apis", "cache", "backup*", "script*", "query", "queries", "bandwidth", "uptime",
    "hosting", "template*", "firmware", "wifi", "internet", "router", "modem", "bluetooth",
    "printer", "scanner", "microphone", "camera", "playback", "subtitle*", "stream*", "calendar",
    "spreadsheet*", "csv", "pdf", "checkout", "cart", "loading screen", "connection*",
    "disconnect*", "restore*", "snapshot*", "migration*", "postgres*", "mysql", "scheduler",
    "scheduled", "crm", "records", "ledger", "journal*", "reconciliation", "payroll run",
    "conexion*", "conexao",
)
TECHNICAL_WEAK = (
    "export*", "import*", "upload*", "download*", "install*", "update*", "patch", "version", "app",
    "apps", "android", "ios", "iphone", "ipad", "browser*", "chrome", "firefox", "safari", "edge",
    "windows", "mac", "website", "site", "page", "load*", "display*", "notification*", "mobile",
    "desktop", "report*", "feature", "aplicativo", "aplicacion", "anwendung", "widget*", "chatbot",
    "bot",
)
GENERAL = (
    "feature request*", "would love", "would be great", "would be nice", "would be helpful",
    "it would be", "could you add", "please add", "suggestion*", "suggest*", "feedback", "thank*",
    "kudos", "great job", "well done", "amazing", "fantastic", "awesome", "love the", "love it",
    "docs", "documentation", "roadmap", "partner*", "reseller*", "agency", "webinar*", "training*",
    "onboarding", "gdpr", "dpa", "data processing", "privacy", "datenschutz*", "soc 2",
    "questionnaire", "procurement", "job opening*", "career*", "hiring", "vacanc*", "newsletter*",
    "marketing email*", "student discount*", "nonprofit*", "enterprise plan", "sales", "demo",
    "compatible", "support hours", "opening hours", "recommend*", "sandbox", "tutorial*", "guide",
    "guides", "terms of service", "press", "sponsor*", "conference", "survey", "opinion",
    "contact you", "phone number for", "office hours", "office address", "your office*",
    "shortcut*", "offline mode", "keyboard", "funcionalidad*", "fonctionnalite*", "sugestao",
    "sugerencia*", "vorschlag", "suggestie", "seria otimo", "ce serait", "seria genial",
    "ware toll", "zou fijn", "gracias", "merci", "danke", "obrigad*", "bedankt", "languages",
    "translation*", "accessib*", "screen reader*", "complain*", "interface", "design", "grazie",
    "dziekuje", "suggerimento", "sugestia", "access request", "dsar", "subject access",
)
# A request for something new is general even when it names payments or sign-in ("please support
# passkeys for login"), as long as nothing is broken.
FEATURE_REQUEST = (
    "feature request*", "would love", "would be great", "would be nice", "would be helpful",
    "it would be", "please support", "any plans", "are there plans", "do you plan", "wish list",
    "wishlist", "suggestion*", "me encantaria", "ce serait bien", "ware schon", "zou fijn",
    "mi piacerebbe",
)

# Real words one inner-letter edit from a cue word, which the spelling correction must
# leave alone ("selling" is not "spelling"). Found by bench/classifier_false_friends.py
# against an English dictionary; re-run it after changing cue phrases.
NEVER_CORRECTED = frozenset({
    "agent", "aground", "anther", "ardent", "arent", "barley", "beach", "beaks", "bering", "billys",
    "boeing", "booed", "booing", "bookend", "braking", "brooke", "brooked", "brooking", "buicks",
    "bushiness", "callas", "callus", "canto", "cashing", "chancel", "clint", "closets", "colins",
    "comers", "comets", "compete", "compote", "compute", "comte", "comtes", "contract", "crate",
    "crated", "cremate", "cremated", "crete", "curios", "darin", "darins", "deduced", "deice",
    "deign", "deplete", "depleted", "droops", "elises", "elsies", "excerpt", "exits", "filets",
    "filing", "finnish", "fixers", "flailing", "flails", "flies", "forges", "founds", "garcias",
    "genital", "goring", "graze", "greed", "hoisting", "horus", "hosing", "huangs", "hurray",
    "julie", "lading", "leger", "loner", "manna", "manuel", "martin", "misusing", "monkey",
    "mooney", "mourning", "needled", "nerving", "notching", "noting", "outrage", "overeat", "paced",
    "palace", "papal", "patent", "patents", "pearson", "pease", "peron", "perons", "pints",
    "plaice", "plains", "plane", "planes", "planks", "plants", "plate", "platos", "poling", "ponds",
    "posed", "posited", "prate", "pricking", "prince", "rally", "readier", "recoils", "regally",
    "relied", "remainder", "replay", "resent", "resents", "rests", "reuse", "reused", "reuses",
    "reveres", "reverts", "robles", "rotted", "rotund", "sables", "salems", "salved", "salves",
    "salving", "sapped", "scales", "selling", "serbia", "shales", "sharking", "sharping", "shaved",
    "shaving", "shearing", "shingle", "shtick", "sifted", "singe", "singed", "sinning", "sipping",
    "slaved", "slaving", "smuggest", "snuggest", "sopped", "sowing", "spains", "spending", "spines",
    "spored", "stacys", "stales", "stats", "statues", "staved", "staving", "steam", "strangle",
    "stranglers", "strays", "stropped", "struck", "stuart", "sweats", "taxies", "theyre",
    "thorough", "thrace", "three", "through", "timers", "toppled", "tough", "tracie", "trail",
    "trance", "treading", "tribal", "trough", "tuned", "ushers", "varnish", "versification",
    "versify", "voices", "waning", "waring", "wheats", "wider", "widows",
    # Spanish and Portuguese words one letter from a cue ("hacer"/"hacker", "pedido"/"perdido").
    "banco", "hacer", "pedido", "pedidos",
})


CATEGORY_CUE_GROUPS = {
    "billing": BILLING, "billing_weak": BILLING_WEAK, "account": ACCOUNT,
    "account_weak": ACCOUNT_WEAK, "technical_fault": TECHNICAL_FAULT, "technical": TECHNICAL,
    "technical_weak": TECHNICAL_WEAK, "general": GENERAL, "feature_request": FEATURE_REQUEST,
}
# fmt: on
