"""Situations from the triage rubric and the words that fill their slots (seed)."""

# (category, priority, title, description) of situations the triage rubric describes.
TEMPLATES = [
    (
        "billing",
        "high",
        "Charged twice for {month}",
        "My card was charged two times on {month} {day} for the {plan} plan, {amount} each. Please refund one of them.",
    ),
    (
        "billing",
        "high",
        "Cancelled but still charged",
        "I cancelled my {plan} subscription last month and you charged me {amount} again on {month} {day}.",
    ),
    (
        "billing",
        "medium",
        "Invoice shows the wrong VAT number",
        "The invoice for {month} has our old VAT ID. Could you reissue it with the one in our company settings?",
    ),
    (
        "billing",
        "medium",
        "Card declined when upgrading",
        "Upgrading to {plan} fails with 'card declined' although the card works elsewhere. I can pay by bank transfer for now.",
    ),
    (
        "billing",
        "low",
        "How do I download past receipts?",
        "Where can I find receipts for the last {count} months? Our accountant asked for them.",
    ),
    (
        "billing",
        "low",
        "Question about annual pricing",
        "Is there a discount if we switch the {plan} plan from monthly to yearly billing?",
    ),
    (
        "billing",
        "critical",
        "No customer payments going through",
        "Since this morning every payment from our customers fails at {feature}. We are losing money every hour.",
    ),
    (
        "technical",
        "critical",
        "Production down for all users",
        "{feature} returns {error} for all users since {time}. Our whole team is blocked and customers are complaining.",
    ),
    (
        "technical",
        "critical",
        "Data missing after sync",
        "After last night's sync {count} records disappeared from {feature}. This is data loss in production.",
    ),
    (
        "technical",
        "high",
        "{feature} crashes on open",
        "Every time I open {feature} in {browser} it crashes with {error}. I cannot do my work today.",
    ),
    (
        "technical",
        "high",
        "Webhook deliveries failing",
        "Our webhook endpoint gets no events since {time}; the dashboard shows {error}. Orders are not syncing.",
    ),
    (
        "technical",
        "medium",
        "{feature} is very slow",
        "Loading {feature} takes about {count} seconds since the last update. It works, just slowly.",
    ),
    (
        "technical",
        "medium",
        "Export sometimes times out",
        "CSV export of {feature} times out now and then with {error}; retrying usually works.",
    ),
    (
        "technical",
        "medium",
        "Setting does not save",
        "When I change the time zone in {feature} settings and press save, it goes back to the old value.",
    ),
    (
        "technical",
        "low",
        "Button misaligned in {browser}",
        "The save button on {feature} overlaps the footer in {browser}. Cosmetic, everything still works.",
    ),
    (
        "account",
        "high",
        "Locked out of my account",
        "I get 'too many attempts' when I log in and the reset email never arrives. I need access for work.",
    ),
    (
        "account",
        "high",
        "2FA codes not accepted",
        "My authenticator codes are rejected since I changed phones, so I cannot sign in at all.",
    ),
    (
        "account",
        "critical",
        "Someone else is using my account",
        "There are logins from {country} I did not make and my email address was changed. Please lock the account now.",
    ),
    (
        "account",
        "medium",
        "Invitation link expired",
        "I invited {count} colleagues but the links say expired. I can resend them one by one as a workaround.",
    ),
    (
        "account",
        "low",
        "Change the email on my profile",
        "How can I change my login email from my old address to my new work address?",
    ),
    (
        "account",
        "low",
        "Add a team member as admin",
        "How do I give a colleague admin permissions on our {plan} workspace?",
    ),
    (
        "account",
        "medium",
        "Close my old account",
        "Please delete my old account; I moved to the company workspace and do not need it anymore.",
    ),
    (
        "general",
        "low",
        "Feature request: dark mode",
        "It would be great to have a dark mode for {feature}. We use it all day.",
    ),
    (
        "general",
        "low",
        "How do I use {feature}?",
        "Is there a guide on setting up {feature}? Nothing is broken, I just could not find it in the docs.",
    ),
    (
        "general",
        "low",
        "Great support last week",
        "Just wanted to say the support team solved our {feature} question quickly.",
    ),
    (
        "general",
        "low",
        "Partnership inquiry",
        "We run an agency with {count} clients and would like to talk about a reseller partnership.",
    ),
    (
        "general",
        "medium",
        "Request for our data under GDPR",
        "Please send us a copy of the personal data you hold about our {count} users; our DPO needs it this month.",
    ),
]
SLOTS = {
    "month": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "day": [str(day) for day in range(1, 29)],
    "plan": ["Basic", "Team", "Pro", "Business", "Enterprise"],
    "amount": ["$9.99", "$19", "€49", "£15", "$120", "€299"],
    "feature": [
        "the dashboard",
        "the mobile app",
        "the reports page",
        "the API",
        "checkout",
        "the calendar",
        "the inbox",
        "the import tool",
        "the analytics view",
    ],
    "error": [
        "HTTP 500",
        "'Something went wrong'",
        "a 502 Bad Gateway",
        "ERR_TIMEOUT",
        "'Unexpected token'",
        "error code 0x80070005",
    ],
    "browser": ["Chrome 131", "Firefox", "Safari on iOS", "Edge", "the Android app"],
    "time": ["this morning", "9am", "yesterday evening", "the last deploy", "an hour ago"],
    "count": ["2", "3", "5", "12", "40", "200"],
    "country": ["Brazil", "Vietnam", "Romania", "Nigeria", "Canada"],
    "order": [str(number) for number in range(1000, 10000, 7)],
}

# Ways people wrap the same subject line.
TITLE_FORMS = [
    "{title}",
    "{title}",
    "{title}",
    "Re: {title}",
    "{title} ({plan} plan)",
    "{title} - ticket #{order}",
    "Still waiting: {title}",
    "{title} [{browser}]",
]

# The conversation on a seeded ticket (seed.seed_conversations): an agent's first answer,
# the customer's reply, then a last word from either side or an internal note. None of them
# holds a marker word of the ticket text (seed.py), so that searching for one still finds
# only tickets whose own text has it.
AGENT_REPLIES = [
    "Hi {name}, we are looking into it and will get back to you within a day.",
    "Hello {name}, could you send us a screenshot of what you see, and the time it happened?",
    "Hi {name}, this should be fixed now. Could you check on your side and let us know?",
    "Hi {name}, I have passed this on to our specialists; you will hear from us soon.",
    "Hello {name}, we could not reproduce it yet. Which browser and plan do you use?",
]
CUSTOMER_REPLIES = [
    "It still happens, see the attached screenshot.",
    "Yes, that worked, the problem is gone now.",
    "I use the Pro plan on Firefox. It happened again this morning.",
    "Any news on this? It is blocking our team.",
    "We tried again after the weekend and got the same result.",
]
INTERNAL_NOTES = [
    "Same report as last week: the sync job times out for large accounts.",
    "Escalated to engineering; waiting for their estimate.",
    "Customer is on the old billing system, needs a manual check.",
    "Checked the logs: nothing unusual at that time.",
]
# The customer's reply in about 1 conversation in 100: {word} is seed.CONVERSATION_WORD.
CONVERSATION_WORD_REPLY = "I also tried the {word} code from your newsletter and it was rejected."
