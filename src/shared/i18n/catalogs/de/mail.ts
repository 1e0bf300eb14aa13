// German: the mails' words and the generic legal texts.
import type { mails as english } from '../en/index.ts';
import type { Translation } from '../types.ts';

export const mails: Translation<typeof english> = {
  'mail.questions': 'Fragen? {email}',
  'mail.pasteLink': 'Oder füge diesen Link in deinen Browser ein: {url}',
  'mail.stopReminders': 'Diese Erinnerungen abbestellen',
  'mail.openDashboard': 'Übersicht öffnen',
  'mail.keepPrivate': 'Halte deine Proxy-Zugangsdaten geheim: Wer sie hat, verbraucht deinen Traffic.',
  'mail.login.subject': 'Dein Anmeldelink für {brand}',
  'mail.login.heading': 'Bei {brand} anmelden',
  'mail.login.intro':
    'Melde dich mit der Schaltfläche unten an. Sie öffnet den Shop, wo du mit einem Klick bestätigst.',
  'mail.login.action': 'Anmelden',
  'mail.login.expires': {
    one: 'Der Link funktioniert einmal und läuft in {count} Minute ab (um {until}). Ein neuer Link macht diesen ungültig.',
    other:
      'Der Link funktioniert einmal und läuft in {count} Minuten ab (um {until}). Ein neuer Link macht diesen ungültig.',
  },
  'mail.login.ignore':
    'Wenn du dich nicht anmelden wolltest, kannst du diese E-Mail ignorieren: Ohne den Link kann sich niemand anmelden.',
  'mail.receipt.subject': 'Dein Kauf bei {brand}: {tier} ({traffic})',
  'mail.receipt.heading': 'Danke für deinen Kauf',
  'mail.receipt.plan': '{tier}: {traffic} mobiler Proxy-Traffic.',
  'mail.receipt.planValid': '{tier}: {traffic} mobiler Proxy-Traffic, gültig für {days}.',
  'mail.receipt.paid': '{amount} bezahlt am {date} (Bestellung {order}). Stripe schickt die Zahlungsquittung separat.',
  'mail.receipt.breakdownDiscount': 'Tarif {plan}, Aktionscode −{discount}, gesamt {total}.',
  'mail.receipt.breakdownTax': 'Tarif {plan}, Steuer {tax}, gesamt {total}.',
  'mail.receipt.breakdownBoth': 'Tarif {plan}, Aktionscode −{discount}, Steuer {tax}, gesamt {total}.',
  'mail.receipt.ready':
    'Dein Proxy-Schlüssel liegt in deiner Übersicht bereit (neue Schlüssel erscheinen innerhalb einer Minute nach der Zahlung).',
  'mail.receipt.rotate':
    'Halte deine Proxy-Zugangsdaten geheim: Wer sie hat, verbraucht deinen Traffic. Du kannst den Schlüssel jederzeit in der Übersicht erneuern.',
  'mail.receipt.autoSubject': 'Automatische Aufladung: {tier} ({traffic}) zu deinem {brand}-Schlüssel hinzugefügt',
  'mail.receipt.autoHeading': 'Die automatische Aufladung hat Traffic nachgekauft',
  'mail.receipt.autoBought':
    'Wie du es in der Übersicht eingerichtet hast, hat die automatische Aufladung gekauft: {what}',
  'mail.receipt.autoCharged':
    '{amount} wurden am {date} von deiner gespeicherten Karte abgebucht (Bestellung {order}). Stripe schickt die Zahlungsquittung separat.',
  'mail.receipt.autoReady':
    'Der Traffic ist schon auf deinem Proxy-Schlüssel: In deinen Anwendungen musst du nichts ändern.',
  'mail.receipt.autoChange':
    'Tarif, Auslöser oder Monatslimit änderst du unter „{section}“ in der Übersicht; dort schaltest du die automatische Aufladung auch ab.',
  'mail.rollover.subject': 'Dein {brand}-Proxy-Schlüssel hat sich geändert',
  'mail.rollover.heading': 'Du hast einen neuen Proxy-Schlüssel',
  'mail.rollover.new':
    'Dein letzter Kauf hat deinen Proxy-Schlüssel über das Maximum gebracht, das ein Schlüssel fassen kann, deshalb haben wir dir einen neuen Schlüssel mit dem neuen Traffic angelegt.',
  'mail.rollover.newMasked':
    'Dein letzter Kauf hat deinen Proxy-Schlüssel über das Maximum gebracht, das ein Schlüssel fassen kann, deshalb haben wir dir einen neuen Schlüssel ({mask}) mit dem neuen Traffic angelegt.',
  'mail.rollover.oldWorks':
    'Dein alter Schlüssel funktioniert noch bis {until}, damit laufende Jobs nicht abbrechen. Danach hört er auf, und sein restlicher Traffic geht auf den neuen Schlüssel über.',
  'mail.rollover.oldWorksMasked':
    'Dein alter Schlüssel ({mask}) funktioniert noch bis {until}, damit laufende Jobs nicht abbrechen. Danach hört er auf, und sein restlicher Traffic geht auf den neuen Schlüssel über.',
  'mail.rollover.oldStopped':
    'Dein alter Schlüssel ist abgeschaltet; sein restlicher Traffic geht auf den neuen Schlüssel über.',
  'mail.rollover.update': 'Kopiere das neue Passwort aus der Übersicht und aktualisiere vorher deine Werkzeuge.',
  'mail.reminder.usageSubject': 'Du hast {percent} deines {brand}-Traffics verbraucht',
  'mail.reminder.usageHeading': '{percent} deines Traffics sind verbraucht',
  'mail.reminder.usageLead':
    'Dein Proxy-Schlüssel hat {used} von {cap} verbraucht; {left} sind übrig. Ist alles verbraucht, stoppt der Schlüssel, bis du nachkaufst.',
  'mail.reminder.capSubject': 'Dein {brand}-Traffic ist aufgebraucht',
  'mail.reminder.capHeading': 'Dein Traffic ist aufgebraucht',
  'mail.reminder.capLead':
    'Dein Proxy-Schlüssel hat alle {cap} verbraucht und ist pausiert. Kaufe Traffic nach, und er funktioniert innerhalb einer Minute wieder.',
  'mail.reminder.expirySubject': {
    one: 'Dein {brand}-Traffic läuft in {count} Tag ab',
    other: 'Dein {brand}-Traffic läuft in {count} Tagen ab',
  },
  'mail.reminder.expiryHeading': 'Dein Traffic läuft bald ab',
  'mail.reminder.expiryLead':
    'Dein Proxy-Schlüssel läuft am {until} ab, mit {left} noch ungenutzt. Ein neuer Kauf verlängert ihn und behält den Rest.',
  'mail.reminder.expiredSubject': 'Dein {brand}-Traffic ist mit {left} ungenutzt abgelaufen',
  'mail.reminder.expiredHeading': 'Dein Traffic ist abgelaufen',
  'mail.reminder.expiredLead':
    'Dein Proxy-Schlüssel ist am {until} mit {left} ungenutzt abgelaufen. Kaufe nach, und der Schlüssel funktioniert mit dem neuen Traffic wieder.',
  'mail.reminder.buy': 'Nachkaufen',
  'mail.reminder.off':
    'Du kannst diese Erinnerungen in der Übersicht oder mit dem Link unten abbestellen. Quittungen werden immer verschickt.',
  'mail.topUp.subject': 'Handlungsbedarf: Deine automatische Aufladung bei {brand} ist pausiert',
  'mail.topUp.heading': 'Deine automatische Aufladung braucht dich',
  'mail.topUp.authentication':
    'Wir wollten {tier} ({traffic}, {amount}) für dich kaufen, aber deine Bank möchte, dass du die Zahlung selbst bestätigst. Es wurde nichts abgebucht.',
  'mail.topUp.declined':
    'Wir wollten {tier} ({traffic}, {amount}) für dich kaufen, aber deine Karte wurde abgelehnt. Es wurde nichts abgebucht.',
  'mail.topUp.noCard':
    'Wir wollten {tier} ({traffic}, {amount}) für dich kaufen, aber dafür ist noch keine Karte hinterlegt. Es wurde nichts abgebucht.',
  'mail.topUp.finish':
    'Schließe die Zahlung auf der sicheren Bezahlseite ab: Dein Traffic kommt sofort dazu und deine Karte wird für die nächste Aufladung gespeichert, damit die automatische Aufladung weiterläuft.',
  'mail.topUp.action': 'Zahlung abschließen',
  'mail.topUp.paused':
    'Bis dahin bleibt die automatische Aufladung pausiert. Du kannst sie in der Übersicht ausschalten.',
  'legal.terms': `{brand} wird von {company} betrieben. Wer unsere Proxys kauft oder nutzt, stimmt diesen Bedingungen zu.

## Der Dienst
- Du kaufst Traffic (Gigabyte) für mobile und Peer-Proxys, gültig für den beim Kauf angezeigten Zeitraum.
- Dein Proxy-Schlüssel ist persönlich. Halte ihn geheim: Traffic, der mit deinem Schlüssel verbraucht wird, zählt für deinen Tarif.
- Die Verfügbarkeit je Land hängt von den Geräten ab, die online sind; wir garantieren kein bestimmtes Land und keine bestimmte IP.

## Zulässige Nutzung
- Keine rechtswidrigen Handlungen, kein Spam, kein Betrug, keine Angriffe auf andere Systeme, kein Zugriff auf Inhalte, zu denen du nicht berechtigt bist.
- Wir können einen Schlüssel sperren, der gegen diese Regeln genutzt wird, und sagen dir, warum.

## Zahlungen und Erstattungen
- Preise werden vor der Zahlung angezeigt und über Stripe abgerechnet. Ungenutzter Traffic kann auf Anfrage innerhalb von 14 Tagen nach dem Kauf erstattet werden; genutzter Traffic wird nicht erstattet.

## Kontakt
Fragen: {email}.`,
  'legal.privacy': `{company} betreibt {brand}. Diese Seite sagt, was wir über dich speichern und warum.

## Was wir speichern
- Deine E-Mail-Adresse, um dich mit einem Link anzumelden und dir Quittungen zu schicken.
- Deine Käufe (Tarif, Betrag, Daten); Zahlungsdaten verarbeitet Stripe, sie erreichen uns nie.
- Die Verbrauchswerte deines Proxy-Schlüssels, um sie dir zu zeigen und deinen Tarif durchzusetzen.
- Sicherheitsprotokolle (Anmeldungen, Schlüsselwechsel), um dein Konto zu schützen.

## Was wir nicht tun
- Wir verkaufen deine Daten nicht und nutzen sie nicht für Werbung. Wir setzen ein Cookie, das dich angemeldet hält, und eines, das sich deine Sprache merkt.

## Deine Rechte
Bitte uns unter {email} um eine Kopie deiner Daten oder um ihre Löschung.`,
  'mail.topUp.failed':
    'Wir wollten {tier} ({traffic}, {amount}) für dich kaufen, aber die Zahlung ist nicht durchgegangen. Es wurde nichts abgebucht.',
  'unsubscribe.askTitle': 'Erinnerungen abbestellen?',
  'unsubscribe.askText':
    '{email} erhält Verbrauchs- und Ablauferinnerungen von {brand}. Quittungen und Anmeldelinks werden in jedem Fall verschickt.',
  'unsubscribe.button': 'Erinnerungen abbestellen',
  'unsubscribe.also': 'Du kannst sie auch in {dashboard} ein- und ausschalten.',
  'unsubscribe.invalidHeading': 'Dieser Link funktioniert nicht',
  'unsubscribe.invalidText':
    'Er wurde auf dem Weg zu dir vielleicht gekürzt oder verändert. Schalte die Erinnerungen stattdessen in {dashboard} ab.',
  'unsubscribe.doneHeading': 'Erinnerungen sind abbestellt',
  'unsubscribe.doneText':
    '{email} erhält keine Verbrauchs- und Ablauferinnerungen von {brand} mehr. Quittungen und Anmeldelinks werden weiter verschickt.',
  'unsubscribe.again': 'Doch anders entschieden? Schalte sie in {dashboard} wieder ein.',
  'unsubscribe.dashboard': 'deiner Übersicht',
  'error.signIn': 'Bitte melde dich an.',
  'error.internal': 'Etwas ist schiefgelaufen. Bitte versuche es erneut.',
  'error.unavailable': 'Der Dienst ist vorübergehend nicht verfügbar. Bitte versuche es gleich noch einmal.',
  'error.tooManyRequests': 'Zu viele Anfragen von deinem Konto. Warte eine Minute und versuche es dann erneut.',
  'error.reauth':
    'Zu deiner Sicherheit: Bestätige, dass du es bist, und melde dich mit einem frischen Link aus deiner E-Mail erneut an (nötig ist eine Anmeldung aus den letzten {minutes} Minuten), dann versuche es noch einmal.',
  'signin.requested':
    'Sieh in dein Postfach: Ein Anmeldelink ist unterwegs. Er funktioniert einmal und läuft in {minutes} Minuten ab.',
  'signin.challengeAsked':
    'Gerade kommen ungewöhnlich viele Anmeldeanfragen. Wenn du dich hier schon einmal angemeldet hast, ist dein Link unterwegs. Neu hier? Bestätige, dass du ein Mensch bist, dann senden wir dir deinen.',
  'error.invalidEmail': 'Das sieht nicht nach einer E-Mail-Adresse aus. Prüfe sie und versuche es erneut.',
  'error.signInRate': 'Zu viele Anmeldeanfragen aus deinem Netzwerk. Warte eine Minute und versuche es erneut.',
  'error.mailUnavailable':
    'Die Anmeldung per E-Mail ist gerade nicht möglich. Der Betreiber des Shops wurde informiert.',
  'error.mailFailing':
    'Anmelde-E-Mails können gerade nicht verschickt werden, daher wurde kein Link gesendet. Bitte versuche es in ein paar Minuten erneut.',
  'error.invalidLink': 'Dieser Anmeldelink ist ungültig, abgelaufen oder schon benutzt. Fordere einen neuen an.',
  'error.unknownTier': 'Diesen Tarif gibt es nicht. Wähle einen aus der Preistabelle.',
  'error.suspended': 'Dein Konto ist gesperrt. Wende dich an {email}.',
  'error.suspendedKey': 'Dein Konto ist gesperrt, daher ist dein Proxy-Schlüssel abgeschaltet. Wende dich an {email}.',
  'error.keyDisabled':
    'Dein Proxy-Schlüssel wurde vom Anbieter deaktiviert, daher kann nichts mehr hinzugefügt werden. Wende dich an {email}. Es wurde nichts abgebucht.',
  'error.capCeiling':
    'Du kannst höchstens {ceiling} GB gleichzeitig haben. Du hast noch {held} GB (nicht abgeschlossene Bezahlvorgänge mitgezählt), daher passt der Tarif {tier} ({gb} GB) gerade nicht. Es wurde nichts abgebucht. Verbrauche zuerst etwas Traffic oder wende dich für größere Mengen an {email}.',
  'error.noKey': 'Du hast noch keinen Proxy-Schlüssel: Kauf einen Tarif, um einen zu bekommen.',
  'error.keyNotReady':
    'Dein Proxy-Schlüssel wird noch erstellt. Er erscheint hier innerhalb einer Minute nach der Zahlung.',
  'error.tooManyTokens':
    'Du hast schon {limit} API-Tokens, das Maximum pro Konto. Widerrufe eines, das du nicht mehr brauchst, und versuche es dann erneut.',
  'error.tokenNotFound': 'Dieses API-Token gibt es nicht (vielleicht ist es schon widerrufen).',
  'error.autoTopUpOff': 'Dieser Shop bietet keine automatische Aufladung an.',
  'key.expired': 'Dein Proxy-Schlüssel ist abgelaufen. Kauf mehr Traffic, um ihn weiter zu nutzen.',
  'key.suspended':
    'Dein Konto ist gesperrt, daher ist dein Proxy-Schlüssel abgeschaltet und es kann kein Traffic gekauft werden. Wende dich an den Support, um das zu klären.',
  'key.suspendedWhy':
    'Dein Konto ist gesperrt, daher ist dein Proxy-Schlüssel abgeschaltet und es kann kein Traffic gekauft werden. Der Shop nennt diesen Grund: „{reason}“. Wende dich an den Support, um das zu klären.',
  'key.providerDisabled':
    'Dein Proxy-Schlüssel wurde vom Anbieter deaktiviert. Wende dich an den Support ({email}), um das zu klären.',
  'key.capReached':
    'Du hast deine ganzen {gb} GB Traffic verbraucht. Kauf mehr, um deinen Schlüssel wieder einzuschalten.',
  'key.switchedOff':
    'Dein Proxy-Schlüssel ist abgeschaltet (zum Beispiel nach einer Erstattung). Wende dich an den Support, wenn du das nicht erwartet hast.',
  'key.switchedOffUnknown':
    'Dein Proxy-Schlüssel ist abgeschaltet. Wenn du deinen ganzen Traffic verbraucht hast, kauf mehr; sonst wende dich an den Support.',
  'key.rollover':
    'Du hast einen neuen Proxy-Schlüssel: Kopiere sein Passwort unten in deine Tools. Dein alter Schlüssel{mask} funktioniert noch bis {until}; danach wandert sein ungenutzter Traffic auf den neuen Schlüssel.',
  'refill.pause.authentication':
    'Deine Bank möchte, dass du die letzte Aufladung selbst bestätigst. Schließ die Zahlung ab, dann läuft die automatische Aufladung weiter.',
  'refill.pause.declined':
    'Deine Karte wurde bei der letzten Aufladung abgelehnt. Zahl einmal mit einer funktionierenden Karte, dann läuft die automatische Aufladung weiter.',
  'refill.pause.noCard':
    'Für die automatische Aufladung ist noch keine Karte gespeichert. Zahl einmal, dann wird deine Karte für die nächsten Aufladungen gespeichert.',
  'refill.pause.failed':
    'Die letzte Aufladung konnte nicht abgebucht werden. Zahl einmal, dann wird deine Zahlungsart für die nächsten Aufladungen gespeichert.',
};
