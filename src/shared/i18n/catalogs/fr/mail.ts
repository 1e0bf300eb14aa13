// French: the mails' words and the generic legal texts.
import type { mails as english } from '../en/index.ts';
import type { Translation } from '../types.ts';

export const mails: Translation<typeof english> = {
  'mail.questions': 'Des questions ? {email}',
  'mail.pasteLink': 'Ou collez ce lien dans votre navigateur : {url}',
  'mail.stopReminders': 'Ne plus recevoir ces rappels',
  'mail.openDashboard': 'Ouvrir le tableau de bord',
  'mail.keepPrivate': 'Gardez vos identifiants proxy secrets : quiconque les possède utilise votre trafic.',
  'mail.login.subject': 'Votre lien de connexion à {brand}',
  'mail.login.heading': 'Connexion à {brand}',
  'mail.login.intro':
    'Utilisez le bouton ci-dessous pour vous connecter. Il ouvre la boutique, où vous confirmez d’un clic.',
  'mail.login.action': 'Se connecter',
  'mail.login.expires': {
    one: 'Le lien fonctionne une fois et expire dans {count} minute (à {until}). Demander un nouveau lien annule celui-ci.',
    many: 'Le lien fonctionne une fois et expire dans {count} minutes (à {until}). Demander un nouveau lien annule celui-ci.',
    other:
      'Le lien fonctionne une fois et expire dans {count} minutes (à {until}). Demander un nouveau lien annule celui-ci.',
  },
  'mail.login.ignore':
    'Si vous n’avez pas demandé à vous connecter, ignorez cet e-mail : personne ne peut se connecter sans le lien.',
  'mail.receipt.subject': 'Votre achat {brand} : {tier} ({traffic})',
  'mail.receipt.heading': 'Merci pour votre achat',
  'mail.receipt.plan': '{tier} : {traffic} de trafic proxy mobile.',
  'mail.receipt.planValid': '{tier} : {traffic} de trafic proxy mobile, valable {days}.',
  'mail.receipt.paid': '{amount} payé le {date} (commande {order}). Stripe envoie le reçu de paiement séparément.',
  'mail.receipt.breakdownDiscount': 'Offre {plan}, code promo −{discount}, total {total}.',
  'mail.receipt.breakdownTax': 'Offre {plan}, taxes {tax}, total {total}.',
  'mail.receipt.breakdownBoth': 'Offre {plan}, code promo −{discount}, taxes {tax}, total {total}.',
  'mail.receipt.ready':
    'Votre clé proxy est prête dans le tableau de bord (les nouvelles clés apparaissent moins d’une minute après le paiement).',
  'mail.receipt.rotate':
    'Gardez vos identifiants proxy secrets : quiconque les possède utilise votre trafic. Vous pouvez renouveler la clé depuis le tableau de bord à tout moment.',
  'mail.receipt.autoSubject': 'Recharge automatique : {tier} ({traffic}) ajouté à votre clé {brand}',
  'mail.receipt.autoHeading': 'La recharge automatique a acheté du trafic',
  'mail.receipt.autoBought':
    'Comme vous l’avez configurée dans le tableau de bord, la recharge automatique a acheté : {what}',
  'mail.receipt.autoCharged':
    '{amount} débité sur votre carte enregistrée le {date} (commande {order}). Stripe envoie le reçu de paiement séparément.',
  'mail.receipt.autoReady': 'Le trafic est déjà sur votre clé proxy : rien à changer dans vos applications.',
  'mail.receipt.autoChange':
    'Changez l’offre, le déclencheur ou la limite mensuelle, ou désactivez la recharge automatique, sous « {section} » dans le tableau de bord.',
  'mail.rollover.subject': 'Votre clé proxy {brand} a changé',
  'mail.rollover.heading': 'Vous avez une nouvelle clé proxy',
  'mail.rollover.new':
    'Votre dernier achat a dépassé le maximum de trafic qu’une clé peut porter : nous vous avons donc créé une nouvelle clé avec le nouveau trafic.',
  'mail.rollover.newMasked':
    'Votre dernier achat a dépassé le maximum de trafic qu’une clé peut porter : nous vous avons donc créé une nouvelle clé ({mask}) avec le nouveau trafic.',
  'mail.rollover.oldWorks':
    'Votre ancienne clé fonctionne jusqu’au {until}, pour que les tâches en cours ne s’interrompent pas. Ensuite elle s’arrête, et le trafic restant passe sur la nouvelle clé.',
  'mail.rollover.oldWorksMasked':
    'Votre ancienne clé ({mask}) fonctionne jusqu’au {until}, pour que les tâches en cours ne s’interrompent pas. Ensuite elle s’arrête, et le trafic restant passe sur la nouvelle clé.',
  'mail.rollover.oldStopped': 'Votre ancienne clé est arrêtée ; le trafic qui lui restait passe sur la nouvelle clé.',
  'mail.rollover.update':
    'Copiez le nouveau mot de passe depuis le tableau de bord et mettez vos outils à jour d’ici là.',
  'mail.reminder.usageSubject': 'Vous avez utilisé {percent} de votre trafic {brand}',
  'mail.reminder.usageHeading': '{percent} de votre trafic est utilisé',
  'mail.reminder.usageLead':
    'Votre clé proxy a utilisé {used} sur {cap} ; il reste {left}. Une fois tout utilisé, la clé s’arrête jusqu’à votre prochain achat.',
  'mail.reminder.capSubject': 'Votre trafic {brand} est épuisé',
  'mail.reminder.capHeading': 'Votre trafic est épuisé',
  'mail.reminder.capLead':
    'Votre clé proxy a utilisé la totalité de ses {cap} et est en pause. Achetez du trafic et elle refonctionne en moins d’une minute.',
  'mail.reminder.expirySubject': {
    one: 'Votre trafic {brand} expire dans {count} jour',
    many: 'Votre trafic {brand} expire dans {count} jours',
    other: 'Votre trafic {brand} expire dans {count} jours',
  },
  'mail.reminder.expiryHeading': 'Votre trafic expire bientôt',
  'mail.reminder.expiryLead':
    'Votre clé proxy expire le {until}, avec {left} encore inutilisés. Un nouvel achat la prolonge et conserve le reste.',
  'mail.reminder.expiredSubject': 'Votre trafic {brand} a expiré avec {left} inutilisés',
  'mail.reminder.expiredHeading': 'Votre trafic a expiré',
  'mail.reminder.expiredLead':
    'Votre clé proxy a expiré le {until} avec {left} inutilisés. Achetez-en plus et la clé refonctionne avec le nouveau trafic.',
  'mail.reminder.buy': 'Acheter plus',
  'mail.reminder.off':
    'Vous pouvez désactiver ces rappels dans le tableau de bord ou avec le lien ci-dessous. Les reçus sont toujours envoyés.',
  'mail.topUp.subject': 'Action requise : votre recharge automatique {brand} est en pause',
  'mail.topUp.heading': 'Votre recharge automatique a besoin de vous',
  'mail.topUp.authentication':
    'Nous avons essayé d’acheter {tier} ({traffic}, {amount}) pour vous, mais votre banque veut que vous confirmiez le paiement vous-même. Rien n’a été débité.',
  'mail.topUp.declined':
    'Nous avons essayé d’acheter {tier} ({traffic}, {amount}) pour vous, mais votre carte a été refusée. Rien n’a été débité.',
  'mail.topUp.noCard':
    'Nous avons essayé d’acheter {tier} ({traffic}, {amount}) pour vous, mais aucune carte n’est encore enregistrée. Rien n’a été débité.',
  'mail.topUp.finish':
    'Terminez le paiement sur la page de paiement sécurisée : votre trafic est ajouté aussitôt et votre carte est enregistrée pour la prochaine recharge, la recharge automatique reprend donc.',
  'mail.topUp.action': 'Terminer le paiement',
  'mail.topUp.paused':
    'La recharge automatique reste en pause jusque-là. Vous pouvez la désactiver dans le tableau de bord.',
  'legal.terms': `{brand} est exploité par {company}. En achetant ou en utilisant nos proxies, vous acceptez ces conditions.

## Le service
- Vous achetez du trafic (gigaoctets) pour des proxies mobiles et de pairs, valable pour la durée indiquée à l’achat.
- Votre clé proxy est personnelle. Gardez-la secrète : le trafic utilisé avec votre clé est décompté de votre offre.
- La disponibilité par pays varie selon les appareils en ligne ; nous ne garantissons ni un pays ni une IP précis.

## Usage acceptable
- Aucune activité illégale, ni spam, ni fraude, ni attaque contre d’autres systèmes, ni accès à des contenus auxquels vous n’avez pas droit.
- Nous pouvons suspendre une clé utilisée contre ces règles, et nous vous dirons pourquoi.

## Paiements et remboursements
- Les prix sont affichés avant le paiement et encaissés via Stripe. Le trafic non utilisé peut être remboursé sur demande dans les 14 jours suivant l’achat ; le trafic utilisé n’est pas remboursable.

## Contact
Questions : {email}.`,
  'legal.privacy': `{company} exploite {brand}. Cette page indique ce que nous conservons sur vous et pourquoi.

## Ce que nous conservons
- Votre adresse e-mail, pour vous connecter avec un lien et vous envoyer des reçus.
- Vos achats (offre, montant, dates) ; les données de paiement sont traitées par Stripe et ne nous parviennent jamais.
- Les chiffres de consommation de votre clé proxy, pour vous les montrer et appliquer votre offre.
- Des journaux de sécurité (connexions, changements de clé), pour protéger votre compte.

## Ce que nous ne faisons pas
- Nous ne vendons pas vos données et ne les utilisons pas à des fins publicitaires. Nous déposons un cookie qui vous garde connecté, et un qui retient votre langue.

## Vos droits
Demandez-nous une copie de vos données, ou leur suppression, à {email}.`,
  'mail.topUp.failed':
    'Nous avons essayé d’acheter {tier} ({traffic}, {amount}) pour vous, mais le paiement n’a pas abouti. Rien n’a été débité.',
  'unsubscribe.askTitle': 'Désactiver les rappels ?',
  'unsubscribe.askText':
    '{email} reçoit les rappels de consommation et d’expiration de {brand}. Les reçus et les liens de connexion sont envoyés dans tous les cas.',
  'unsubscribe.button': 'Désactiver les rappels',
  'unsubscribe.also': 'Vous pouvez aussi les activer et les désactiver dans {dashboard}.',
  'unsubscribe.invalidHeading': 'Ce lien ne fonctionne pas',
  'unsubscribe.invalidText':
    'Il a peut-être été tronqué ou modifié en chemin. Désactivez plutôt les rappels dans {dashboard}.',
  'unsubscribe.doneHeading': 'Les rappels sont désactivés',
  'unsubscribe.doneText':
    '{email} ne recevra plus les rappels de consommation et d’expiration de {brand}. Les reçus et les liens de connexion sont toujours envoyés.',
  'unsubscribe.again': 'Vous avez changé d’avis ? Réactivez-les dans {dashboard}.',
  'unsubscribe.dashboard': 'votre tableau de bord',
  'error.signIn': 'Veuillez vous connecter.',
  'error.internal': 'Une erreur s’est produite. Veuillez réessayer.',
  'error.unavailable': 'Le service est temporairement indisponible. Veuillez réessayer dans un instant.',
  'error.tooManyRequests': 'Trop de requêtes depuis votre compte. Attendez une minute, puis réessayez.',
  'error.reauth':
    'Pour votre sécurité, confirmez que c’est bien vous : reconnectez-vous avec un nouveau lien reçu par e-mail (une connexion des {minutes} dernières minutes est nécessaire), puis réessayez.',
  'signin.requested':
    'Consultez votre boîte de réception : un lien de connexion est en route. Il fonctionne une seule fois et expire dans {minutes} minutes.',
  'signin.challengeAsked':
    'Nous recevons un nombre inhabituel de demandes de connexion. Si vous vous êtes déjà connecté ici, votre lien est en route. Nouveau ici ? Confirmez que vous êtes une personne et nous vous enverrons le vôtre.',
  'error.invalidEmail': 'Cela ne ressemble pas à une adresse e-mail. Vérifiez-la et réessayez.',
  'error.signInRate': 'Trop de demandes de connexion depuis votre réseau. Attendez une minute et réessayez.',
  'error.mailUnavailable':
    'La connexion par e-mail est indisponible pour le moment. L’exploitant de la boutique a été prévenu.',
  'error.mailFailing':
    'Les e-mails de connexion ne peuvent pas être envoyés pour le moment : aucun lien n’a été envoyé. Veuillez réessayer dans quelques minutes.',
  'error.invalidLink': 'Ce lien de connexion est invalide, expiré ou déjà utilisé. Demandez-en un nouveau.',
  'error.unknownTier': 'Cette offre n’existe pas. Choisissez-en une dans la grille tarifaire.',
  'error.suspended': 'Votre compte est suspendu. Contactez {email} pour obtenir de l’aide.',
  'error.suspendedKey':
    'Votre compte est suspendu, votre clé proxy est donc désactivée. Contactez {email} pour obtenir de l’aide.',
  'error.keyDisabled':
    'Votre clé proxy a été désactivée par le fournisseur : plus rien ne peut y être ajouté. Contactez {email} pour obtenir de l’aide. Rien n’a été débité.',
  'error.capCeiling':
    'Vous pouvez détenir au plus {ceiling} Go à la fois. Il vous reste {held} Go (paiements non terminés compris), l’offre {tier} ({gb} Go) ne tient donc pas pour le moment. Rien n’a été débité. Utilisez d’abord une partie du trafic, ou contactez {email} pour de plus gros volumes.',
  'error.noKey': 'Vous n’avez pas encore de clé proxy : achetez une offre pour en obtenir une.',
  'error.keyNotReady':
    'Votre clé proxy est encore en cours de création. Elle apparaît ici moins d’une minute après le paiement.',
  'error.tooManyTokens':
    'Vous avez déjà {limit} jetons d’API, le maximum pour un compte. Révoquez-en un que vous n’utilisez plus, puis réessayez.',
  'error.tokenNotFound': 'Ce jeton d’API n’existe pas (il est peut-être déjà révoqué).',
  'error.autoTopUpOff': 'Cette boutique ne propose pas de recharge automatique.',
  'key.expired': 'Votre clé proxy a expiré. Achetez du trafic pour continuer à l’utiliser.',
  'key.suspended':
    'Votre compte est suspendu : votre clé proxy est désactivée et aucun trafic ne peut être acheté. Contactez le support pour régler cela.',
  'key.suspendedWhy':
    'Votre compte est suspendu : votre clé proxy est désactivée et aucun trafic ne peut être acheté. La boutique a indiqué ce motif : « {reason} ». Contactez le support pour régler cela.',
  'key.providerDisabled':
    'Votre clé proxy a été désactivée par le fournisseur. Contactez le support ({email}) pour régler cela.',
  'key.capReached': 'Vous avez utilisé la totalité de vos {gb} Go de trafic. Achetez-en pour réactiver votre clé.',
  'key.switchedOff':
    'Votre clé proxy est désactivée (par exemple après un remboursement). Contactez le support si vous ne vous y attendiez pas.',
  'key.switchedOffUnknown':
    'Votre clé proxy est désactivée. Si vous avez utilisé tout votre trafic, achetez-en ; sinon, contactez le support.',
  'key.rollover':
    'Vous avez une nouvelle clé proxy : copiez son mot de passe ci-dessous dans vos outils. Votre ancienne clé{mask} fonctionne jusqu’au {until} ; son trafic inutilisé passe ensuite sur la nouvelle.',
  'refill.pause.authentication':
    'Votre banque a demandé que vous confirmiez vous-même la dernière recharge. Finalisez le paiement et la recharge automatique reprend.',
  'refill.pause.declined':
    'Votre carte a été refusée lors de la dernière recharge. Payez une fois avec une carte valide et la recharge automatique reprend.',
  'refill.pause.noCard':
    'Aucune carte n’est encore enregistrée pour la recharge automatique. Payez une fois et votre carte est enregistrée pour les prochaines recharges.',
  'refill.pause.failed':
    'La dernière recharge n’a pas pu être débitée. Payez une fois et votre moyen de paiement est enregistré pour les prochaines recharges.',
};
