// Every customer mail: the shell (signature, button fallback, unsubscribe), sign-in, receipt, reminders, auto top-up
// and the key-changed notice.
export const mail = {
  'mail.questions': 'Questions? {email}',
  'mail.pasteLink': 'Or paste this link into your browser: {url}',
  'mail.stopReminders': 'Stop these reminders',
  'mail.openDashboard': 'Open the dashboard',
  'mail.keepPrivate': 'Keep your proxy credentials private: anyone with them uses your traffic.',
  'mail.login.subject': 'Your sign-in link for {brand}',
  'mail.login.heading': 'Sign in to {brand}',
  'mail.login.intro': 'Use the button below to sign in. It opens the shop, where you confirm with one click.',
  'mail.login.action': 'Sign in',
  'mail.login.expires': {
    one: 'The link works once and expires in {count} minute (at {until}). Asking for a new link cancels this one.',
    other: 'The link works once and expires in {count} minutes (at {until}). Asking for a new link cancels this one.',
  },
  'mail.login.ignore': 'If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.',
  'mail.receipt.subject': 'Your {brand} purchase: {tier} ({traffic})',
  'mail.receipt.heading': 'Thank you for your purchase',
  'mail.receipt.plan': '{tier}: {traffic} of mobile proxy traffic.',
  'mail.receipt.planValid': '{tier}: {traffic} of mobile proxy traffic, valid for {days}.',
  'mail.receipt.paid': 'Paid {amount} on {date} (order {order}). Stripe sends the payment receipt separately.',
  'mail.receipt.breakdownDiscount': 'Plan {plan}, promotion code −{discount}, total {total}.',
  'mail.receipt.breakdownTax': 'Plan {plan}, tax {tax}, total {total}.',
  'mail.receipt.breakdownBoth': 'Plan {plan}, promotion code −{discount}, tax {tax}, total {total}.',
  'mail.receipt.ready': 'Your proxy key is ready in the dashboard (new keys appear within a minute of payment).',
  'mail.receipt.rotate':
    'Keep your proxy credentials private: anyone with them uses your traffic. You can rotate the key from the dashboard at any time.',
  'mail.receipt.autoSubject': 'Auto top-up: {tier} ({traffic}) added to your {brand} key',
  'mail.receipt.autoHeading': 'Auto top-up bought more traffic',
  'mail.receipt.autoBought': 'As you set it up in the dashboard, auto top-up bought {what}',
  'mail.receipt.autoCharged':
    'Charged {amount} to your saved card on {date} (order {order}). Stripe sends the payment receipt separately.',
  'mail.receipt.autoReady': 'The traffic is on your proxy key already: nothing to change in your apps.',
  'mail.receipt.autoChange':
    'Change the plan, the trigger or the monthly limit, or turn auto top-up off, under "{section}" in the dashboard.',
  'mail.rollover.subject': 'Your {brand} proxy key has changed',
  'mail.rollover.heading': 'You have a new proxy key',
  'mail.rollover.new':
    'Your latest purchase took your proxy key past the most traffic one key can hold, so we made you a new key with the new traffic on it.',
  'mail.rollover.newMasked':
    'Your latest purchase took your proxy key past the most traffic one key can hold, so we made you a new key ({mask}) with the new traffic on it.',
  'mail.rollover.oldWorks':
    'Your old key keeps working until {until}, so running jobs do not break. After that it stops, and whatever traffic was left on it moves to the new key.',
  'mail.rollover.oldWorksMasked':
    'Your old key ({mask}) keeps working until {until}, so running jobs do not break. After that it stops, and whatever traffic was left on it moves to the new key.',
  'mail.rollover.oldStopped': 'Your old key has stopped; whatever traffic was left on it moves to the new key.',
  'mail.rollover.update': 'Copy the new password from the dashboard and update your tools before then.',
  'mail.reminder.usageSubject': 'You have used {percent} of your {brand} traffic',
  'mail.reminder.usageHeading': '{percent} of your traffic is used',
  'mail.reminder.usageLead':
    'Your proxy key has used {used} of its {cap}; {left} are left. When it is all used, the key stops until you buy more.',
  'mail.reminder.capSubject': 'Your {brand} traffic is used up',
  'mail.reminder.capHeading': 'Your traffic is used up',
  'mail.reminder.capLead':
    'Your proxy key has used all {cap} and is paused. Buy more traffic and it works again within a minute.',
  'mail.reminder.expirySubject': {
    one: 'Your {brand} traffic expires in {count} day',
    other: 'Your {brand} traffic expires in {count} days',
  },
  'mail.reminder.expiryHeading': 'Your traffic expires soon',
  'mail.reminder.expiryLead':
    'Your proxy key expires on {until}, with {left} still unused. A new purchase extends it and keeps what is left.',
  'mail.reminder.expiredSubject': 'Your {brand} traffic expired with {left} unused',
  'mail.reminder.expiredHeading': 'Your traffic has expired',
  'mail.reminder.expiredLead':
    'Your proxy key expired on {until} with {left} unused. Buy more and the key works again with the new traffic.',
  'mail.reminder.buy': 'Buy more',
  'mail.reminder.off':
    'You can turn these reminders off in the dashboard, or with the link below. Receipts are always sent.',
  'mail.topUp.subject': 'Action needed: your {brand} auto top-up is paused',
  'mail.topUp.heading': 'Your auto top-up needs you',
  'mail.topUp.authentication':
    'We tried to buy {tier} ({traffic}, {amount}) for you, but your bank wants you to confirm the payment yourself. Nothing was charged.',
  'mail.topUp.declined':
    'We tried to buy {tier} ({traffic}, {amount}) for you, but your card was declined. Nothing was charged.',
  'mail.topUp.noCard':
    'We tried to buy {tier} ({traffic}, {amount}) for you, but no card is saved for it yet. Nothing was charged.',
  'mail.topUp.finish':
    'Finish the payment on the secure payment page: your traffic is added at once and your card is saved for the next top-up, so auto top-up carries on.',
  'mail.topUp.action': 'Finish the payment',
  'mail.topUp.paused': 'Auto top-up stays paused until then. You can turn it off in the dashboard.',
  'mail.topUp.failed':
    'We tried to buy {tier} ({traffic}, {amount}) for you, but the payment did not go through. Nothing was charged.',
  'unsubscribe.askTitle': 'Turn reminders off?',
  'unsubscribe.askText':
    '{email} gets usage and expiry reminders from {brand}. Receipts and sign-in links are sent either way.',
  'unsubscribe.button': 'Turn reminders off',
  'unsubscribe.also': 'You can also switch them on and off in {dashboard}.',
  'unsubscribe.invalidHeading': 'This link does not work',
  'unsubscribe.invalidText':
    'It may have been cut short or changed on its way to you. Turn reminders off in {dashboard} instead.',
  'unsubscribe.doneHeading': 'Reminders are off',
  'unsubscribe.doneText':
    '{email} will no longer get usage and expiry reminders from {brand}. Receipts and sign-in links are still sent.',
  'unsubscribe.again': 'Changed your mind? Turn them back on in {dashboard}.',
  'unsubscribe.dashboard': 'your dashboard',
  'error.signIn': 'Please sign in.',
  'error.internal': 'Something went wrong. Please try again.',
  'error.unavailable': 'The service is temporarily unavailable. Please try again shortly.',
  'error.tooManyRequests': 'Too many requests from your account. Wait a minute, then try again.',
  'error.reauth':
    'For your security, confirm it’s you: sign in again with a fresh link from your email (this needs a sign-in from the last {minutes} minutes), then retry.',
  'signin.requested': 'Check your inbox: a sign-in link is on its way. It works once and expires in {minutes} minutes.',
  'signin.challengeAsked':
    'We are getting unusually many sign-in requests. If you have signed in here before, your link is on its way. New here? Confirm you are a person, and we will send yours.',
  'error.invalidEmail': 'That does not look like an email address. Check it and try again.',
  'error.signInRate': 'Too many sign-in requests from your network. Wait a minute and try again.',
  'error.mailUnavailable': 'Sign-in by email is unavailable right now. The shop’s operator has been told.',
  'error.mailFailing':
    'Sign-in emails cannot be sent right now, so no link was sent. Please try again in a few minutes.',
  'error.invalidLink': 'This sign-in link is invalid, expired or already used. Ask for a new one.',
  'error.unknownTier': 'There is no such plan. Pick one from the pricing table.',
  'error.suspended': 'Your account is suspended. Contact {email} for help.',
  'error.suspendedKey': 'Your account is suspended, so your proxy key is switched off. Contact {email} for help.',
  'error.keyDisabled':
    'Your proxy key was disabled by the provider, so nothing more can be added to it. Contact {email} for help. Nothing was charged.',
  'error.capCeiling':
    'You can hold at most {ceiling} GB at a time. You still have {held} GB (counting checkouts not finished yet), so the {tier} plan ({gb} GB) does not fit right now. Nothing was charged. Use up some traffic first, or contact {email} for larger volumes.',
  'error.noKey': 'You have no proxy key yet: buy a plan to get one.',
  'error.keyNotReady': 'Your proxy key is still being created. It appears here within a minute of payment.',
  'error.tooManyTokens':
    'You already have {limit} API tokens, the most one account may hold. Revoke one you no longer use, then try again.',
  'error.tokenNotFound': 'There is no such API token (it may already be revoked).',
  'error.autoTopUpOff': 'This shop does not offer auto top-up.',
  'key.expired': 'Your proxy key has expired. Buy more traffic to keep using it.',
  'key.suspended':
    'Your account is suspended, so your proxy key is switched off and no traffic can be bought. Contact support to sort it out.',
  'key.suspendedWhy':
    'Your account is suspended, so your proxy key is switched off and no traffic can be bought. The shop gave this reason: “{reason}”. Contact support to sort it out.',
  'key.providerDisabled': 'Your proxy key was disabled by the provider. Contact support ({email}) to sort it out.',
  'key.capReached': 'You have used all {gb} GB of your traffic. Buy more to switch your key back on.',
  'key.switchedOff':
    'Your proxy key is switched off (for example after a refund). Contact support if you did not expect this.',
  'key.switchedOffUnknown':
    'Your proxy key is switched off. If you have used all your traffic, buy more; otherwise contact support.',
  'key.rollover':
    'You have a new proxy key: copy its password below into your tools. Your old key{mask} keeps working until {until}; its unused traffic then moves to the new key.',
  'refill.pause.authentication':
    'Your bank asked you to confirm the last top-up yourself. Finish the payment and auto top-up carries on.',
  'refill.pause.declined':
    'Your card was declined on the last top-up. Pay once with a working card and auto top-up carries on.',
  'refill.pause.noCard': 'No card is saved for auto top-up yet. Pay once and your card is saved for the next top-ups.',
  'refill.pause.failed':
    'The last top-up could not be charged. Pay once and your payment method is saved for the next top-ups.',
} as const;
