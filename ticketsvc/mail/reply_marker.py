"""The line that heads every mail ticketsvc sends to a customer.

A customer answers above it; whatever a mail client quotes below it is ours already, so
incoming replies are cut at it before any other quoting rule is tried (mail/quotes.py).
"""

REPLY_MARKER = "##- Please type your reply above this line -##"
