// The landing page's default sections (src/config/landing.ts fills them from the tiers, countries and gateway), its
// headings, the tiers' cards and the countries' live counts.
export const landing = {
  'landing.buyFeatured': 'Buy {tier}: {price}',
  'landing.seePlans': 'See the plans',
  'landing.comparePlans': 'Compare plans',
  'landing.trust.stripe': 'Secure payment by Stripe',
  'landing.trust.noSubscription': 'No subscription',
  'landing.trust.fast': 'Your key seconds after payment',
  'landing.trustLabel': 'Why you can buy with confidence',
  'landing.countriesTitle': 'Countries and devices online now',
  'landing.countriesLabel': 'Countries',
  'landing.mobileOnline': '{count} mobile online',
  'landing.devicesOnline': '{count} devices online',
  'landing.noneOnline': 'none online now',
  'landing.pricing': 'Pricing',
  'landing.features': 'Why our proxies',
  'landing.steps': 'How it works',
  'landing.example': 'Try it in one line',
  'landing.exampleLabel': 'Example: curl through the proxy',
  'landing.faq': 'Questions and answers',
  'landing.support': 'Talk to us',
  'landing.supportText': 'Questions before or after buying? Write to us:',
  'landing.validFor': 'valid for {days}',
  'landing.noExpiry': 'with no expiry',
  'landing.oneCountry':
    '4G/5G carrier IPs in {countries}, and a peer pool for volume. Live availability is on this page.',
  'landing.countries':
    '4G/5G carrier IPs in {count} countries: {countries}, and a peer pool for volume. Live availability is on this page.',
  'landing.f.mobile': 'Real mobile IPs',
  'landing.f.rotation': 'Rotation your way',
  'landing.f.rotationText':
    'A new IP every {minutes} minutes or whenever you ask, or the same one all session long: you choose per proxy URL.',
  'landing.f.sticky': 'Sticky sessions',
  'landing.f.stickyText':
    'Name a session and keep the same device and IP for as long as you use it, up to 250 sessions at once.',
  'landing.f.protocols': 'HTTP and SOCKS5',
  'landing.f.protocolsText':
    'HTTP(S) on port {http}, SOCKS5 on port {socks}, one username and key: works with curl, Python, Node.js and any scraper.',
  'landing.f.payg': 'Pay as you go',
  'landing.f.paygText':
    'From {perGb} per GB, no subscription. Buy {traffic} at a time, {validity}; top up whenever you like.',
  'landing.s.choose': 'Choose a plan',
  'landing.s.chooseText': '{tiers}: pay once with Stripe, no account or password to set up.',
  'landing.s.key': 'Get your key',
  'landing.s.keyText': 'Sign in with the link we email you; your proxy key is ready seconds after payment.',
  'landing.s.copy': 'Copy a proxy URL',
  'landing.s.copyText': 'Pick a country, rotation and session in your dashboard and paste the URL into your tool.',
  'landing.q.what': 'What are mobile proxies for?',
  'landing.a.what':
    'Seeing the web as phone users do: price and ad checks, market research, account management and scraping that data-centre IPs get blocked from. Your requests leave through real 4G/5G devices.',
  'landing.q.rotation': 'How does rotation work?',
  'landing.a.rotation':
    'By default you get a new IP every 10 minutes. Choose every {minutes} minutes, or a new IP whenever you ask for one; your dashboard builds the URL for each.',
  'landing.q.sticky': 'What is a sticky session?',
  'landing.a.sticky':
    'Put a session id (letters, digits and _) in the proxy username and the gateway keeps that id on the same device and IP, so a login or a checkout flow is not interrupted.',
  'landing.q.protocols': 'HTTP or SOCKS5?',
  'landing.a.protocols': 'Both, with the same username and key: HTTP(S) on port {http} and SOCKS5 on port {socks}.',
  'landing.q.countries': 'Which countries can I use?',
  'landing.a.countries': '{countries}. Leave the country out and you get any device that is online.',
  'landing.q.subscription': 'Is there a subscription?',
  'landing.a.subscription':
    'No. You pay once per plan with Stripe; traffic is {validity}. Buy more at any time and it adds to the same key.',
  'landing.q.runOut': 'What happens when my traffic runs out?',
  'landing.a.runOut':
    'Your key pauses. Buy more traffic and it switches back on, with the same key and the same proxy URLs.',
  'landing.q.refund': 'Can I get a refund?',
  'landing.a.refund': 'Write to {email}; the terms of service say what can be refunded.',
  'landing.codeIntro':
    'Your settings travel in the proxy username: pool, country, session id and rotation. This one keeps a {country} mobile IP for session_1:',
  'tiers.popular': 'Most popular',
  'tiers.traffic': 'Traffic',
  'tiers.perGb': 'Per GB',
  'tiers.validFor': 'Valid for',
  'tiers.buy': 'Buy {tier}',
} as const;
