// Spanish: the mails' words and the generic legal texts.
import type { mails as english } from '../en/index.ts';
import type { Translation } from '../types.ts';

export const mails: Translation<typeof english> = {
  'mail.questions': '¿Preguntas? {email}',
  'mail.pasteLink': 'O pega este enlace en tu navegador: {url}',
  'mail.stopReminders': 'Dejar de recibir estos recordatorios',
  'mail.openDashboard': 'Abrir el panel',
  'mail.keepPrivate': 'Mantén en privado tus credenciales de proxy: quien las tenga usará tu tráfico.',
  'mail.login.subject': 'Tu enlace de acceso a {brand}',
  'mail.login.heading': 'Inicia sesión en {brand}',
  'mail.login.intro': 'Usa el botón de abajo para iniciar sesión. Abre la tienda, donde confirmas con un clic.',
  'mail.login.action': 'Iniciar sesión',
  'mail.login.expires': {
    one: 'El enlace funciona una vez y caduca en {count} minuto (a las {until}). Pedir un enlace nuevo anula este.',
    many: 'El enlace funciona una vez y caduca en {count} minutos (a las {until}). Pedir un enlace nuevo anula este.',
    other: 'El enlace funciona una vez y caduca en {count} minutos (a las {until}). Pedir un enlace nuevo anula este.',
  },
  'mail.login.ignore': 'Si no pediste iniciar sesión, puedes ignorar este correo: nadie puede entrar sin el enlace.',
  'mail.receipt.subject': 'Tu compra en {brand}: {tier} ({traffic})',
  'mail.receipt.heading': 'Gracias por tu compra',
  'mail.receipt.plan': '{tier}: {traffic} de tráfico de proxy móvil.',
  'mail.receipt.planValid': '{tier}: {traffic} de tráfico de proxy móvil, válido durante {days}.',
  'mail.receipt.paid': 'Pagado {amount} el {date} (pedido {order}). Stripe envía el recibo del pago por separado.',
  'mail.receipt.breakdownDiscount': 'Plan {plan}, código promocional −{discount}, total {total}.',
  'mail.receipt.breakdownTax': 'Plan {plan}, impuestos {tax}, total {total}.',
  'mail.receipt.breakdownBoth': 'Plan {plan}, código promocional −{discount}, impuestos {tax}, total {total}.',
  'mail.receipt.ready':
    'Tu clave de proxy está lista en el panel (las claves nuevas aparecen en menos de un minuto tras el pago).',
  'mail.receipt.rotate':
    'Mantén en privado tus credenciales de proxy: quien las tenga usará tu tráfico. Puedes renovar la clave desde el panel cuando quieras.',
  'mail.receipt.autoSubject': 'Recarga automática: {tier} ({traffic}) añadido a tu clave de {brand}',
  'mail.receipt.autoHeading': 'La recarga automática ha comprado más tráfico',
  'mail.receipt.autoBought': 'Tal como lo configuraste en el panel, la recarga automática compró: {what}',
  'mail.receipt.autoCharged':
    'Se cobraron {amount} a tu tarjeta guardada el {date} (pedido {order}). Stripe envía el recibo del pago por separado.',
  'mail.receipt.autoReady': 'El tráfico ya está en tu clave de proxy: no tienes que cambiar nada en tus aplicaciones.',
  'mail.receipt.autoChange':
    'Cambia el plan, el disparador o el límite mensual, o desactiva la recarga automática, en «{section}» del panel.',
  'mail.rollover.subject': 'Tu clave de proxy de {brand} ha cambiado',
  'mail.rollover.heading': 'Tienes una clave de proxy nueva',
  'mail.rollover.new':
    'Tu última compra superó el máximo de tráfico que cabe en una clave, así que te hemos creado una clave nueva con el tráfico nuevo.',
  'mail.rollover.newMasked':
    'Tu última compra superó el máximo de tráfico que cabe en una clave, así que te hemos creado una clave nueva ({mask}) con el tráfico nuevo.',
  'mail.rollover.oldWorks':
    'Tu clave anterior sigue funcionando hasta el {until}, para que los trabajos en curso no fallen. Después deja de funcionar y el tráfico que le quede pasa a la clave nueva.',
  'mail.rollover.oldWorksMasked':
    'Tu clave anterior ({mask}) sigue funcionando hasta el {until}, para que los trabajos en curso no fallen. Después deja de funcionar y el tráfico que le quede pasa a la clave nueva.',
  'mail.rollover.oldStopped': 'Tu clave anterior se ha detenido; el tráfico que le quedaba pasa a la clave nueva.',
  'mail.rollover.update': 'Copia la nueva contraseña del panel y actualiza tus herramientas antes de esa fecha.',
  'mail.reminder.usageSubject': 'Has usado el {percent} de tu tráfico de {brand}',
  'mail.reminder.usageHeading': 'Has usado el {percent} de tu tráfico',
  'mail.reminder.usageLead':
    'Tu clave de proxy ha usado {used} de {cap}; quedan {left}. Cuando se agote, la clave se detiene hasta que compres más.',
  'mail.reminder.capSubject': 'Tu tráfico de {brand} se ha agotado',
  'mail.reminder.capHeading': 'Tu tráfico se ha agotado',
  'mail.reminder.capLead':
    'Tu clave de proxy ha usado los {cap} y está en pausa. Compra más tráfico y volverá a funcionar en menos de un minuto.',
  'mail.reminder.expirySubject': {
    one: 'Tu tráfico de {brand} caduca en {count} día',
    many: 'Tu tráfico de {brand} caduca en {count} días',
    other: 'Tu tráfico de {brand} caduca en {count} días',
  },
  'mail.reminder.expiryHeading': 'Tu tráfico caduca pronto',
  'mail.reminder.expiryLead':
    'Tu clave de proxy caduca el {until}, con {left} sin usar. Una nueva compra la prolonga y conserva lo que queda.',
  'mail.reminder.expiredSubject': 'Tu tráfico de {brand} caducó con {left} sin usar',
  'mail.reminder.expiredHeading': 'Tu tráfico ha caducado',
  'mail.reminder.expiredLead':
    'Tu clave de proxy caducó el {until} con {left} sin usar. Compra más y la clave volverá a funcionar con el tráfico nuevo.',
  'mail.reminder.buy': 'Comprar más',
  'mail.reminder.off':
    'Puedes desactivar estos recordatorios en el panel o con el enlace de abajo. Los recibos se envían siempre.',
  'mail.topUp.subject': 'Acción necesaria: tu recarga automática de {brand} está en pausa',
  'mail.topUp.heading': 'Tu recarga automática te necesita',
  'mail.topUp.authentication':
    'Intentamos comprar {tier} ({traffic}, {amount}) por ti, pero tu banco quiere que confirmes el pago tú mismo. No se ha cobrado nada.',
  'mail.topUp.declined':
    'Intentamos comprar {tier} ({traffic}, {amount}) por ti, pero tu tarjeta fue rechazada. No se ha cobrado nada.',
  'mail.topUp.noCard':
    'Intentamos comprar {tier} ({traffic}, {amount}) por ti, pero aún no hay ninguna tarjeta guardada. No se ha cobrado nada.',
  'mail.topUp.finish':
    'Completa el pago en la página de pago segura: tu tráfico se añade al momento y tu tarjeta queda guardada para la próxima recarga, así la recarga automática continúa.',
  'mail.topUp.action': 'Completar el pago',
  'mail.topUp.paused': 'La recarga automática sigue en pausa hasta entonces. Puedes desactivarla en el panel.',
  'legal.terms': `{brand} está gestionado por {company}. Al comprar o usar nuestros proxies aceptas estos términos.

## El servicio
- Compras tráfico (gigabytes) para proxies móviles y de pares, válido durante el periodo indicado en la compra.
- Tu clave de proxy es personal. Mantenla en secreto: el tráfico usado con tu clave cuenta para tu plan.
- La disponibilidad por país cambia con los dispositivos en línea; no garantizamos un país ni una IP concretos.

## Uso aceptable
- Nada ilegal, nada de spam, fraude ni ataques a otros sistemas, ni acceso a contenidos a los que no tengas derecho.
- Podemos suspender una clave que se use contra estas normas, y te diremos por qué.

## Pagos y reembolsos
- Los precios se muestran antes del pago y se cobran a través de Stripe. El tráfico no usado puede reembolsarse si lo pides en los 14 días siguientes a la compra; el tráfico usado no es reembolsable.

## Contacto
Preguntas: {email}.`,
  'legal.privacy': `{company} gestiona {brand}. Esta página explica qué guardamos sobre ti y por qué.

## Lo que guardamos
- Tu correo electrónico, para iniciar tu sesión con un enlace y enviarte recibos.
- Tus compras (plan, importe, fechas); los datos de pago los gestiona Stripe y nunca nos llegan.
- Las cifras de consumo de tu clave de proxy, para mostrártelas y aplicar tu plan.
- Registros de seguridad (inicios de sesión, cambios de clave), para proteger tu cuenta.

## Lo que no hacemos
- No vendemos tus datos ni los usamos para publicidad. Usamos una cookie que mantiene tu sesión y otra que recuerda tu idioma.

## Tus derechos
Pídenos una copia de tus datos, o que los borremos, en {email}.`,
  'mail.topUp.failed':
    'Intentamos comprar {tier} ({traffic}, {amount}) por ti, pero el pago no se completó. No se ha cobrado nada.',
  'unsubscribe.askTitle': '¿Desactivar los recordatorios?',
  'unsubscribe.askText':
    '{email} recibe recordatorios de consumo y caducidad de {brand}. Los recibos y los enlaces de acceso se envían en cualquier caso.',
  'unsubscribe.button': 'Desactivar los recordatorios',
  'unsubscribe.also': 'También puedes activarlos y desactivarlos en {dashboard}.',
  'unsubscribe.invalidHeading': 'Este enlace no funciona',
  'unsubscribe.invalidText':
    'Puede que se haya cortado o modificado por el camino. Desactiva los recordatorios en {dashboard}.',
  'unsubscribe.doneHeading': 'Los recordatorios están desactivados',
  'unsubscribe.doneText':
    '{email} ya no recibirá recordatorios de consumo y caducidad de {brand}. Los recibos y los enlaces de acceso se siguen enviando.',
  'unsubscribe.again': '¿Has cambiado de idea? Vuelve a activarlos en {dashboard}.',
  'unsubscribe.dashboard': 'tu panel',
  'error.signIn': 'Inicia sesión.',
  'error.internal': 'Algo ha salido mal. Inténtalo de nuevo.',
  'error.unavailable': 'El servicio no está disponible temporalmente. Inténtalo de nuevo en breve.',
  'error.tooManyRequests': 'Demasiadas peticiones desde tu cuenta. Espera un minuto e inténtalo de nuevo.',
  'error.reauth':
    'Por tu seguridad, confirma que eres tú: vuelve a iniciar sesión con un enlace nuevo de tu correo (hace falta un inicio de sesión de los últimos {minutes} minutos) y reinténtalo.',
  'signin.requested':
    'Revisa tu bandeja de entrada: tu enlace de acceso está en camino. Funciona una sola vez y caduca en {minutes} minutos.',
  'signin.challengeAsked':
    'Estamos recibiendo muchas más solicitudes de acceso de lo normal. Si ya has iniciado sesión aquí antes, tu enlace está en camino. ¿Eres nuevo? Confirma que eres una persona y te enviaremos el tuyo.',
  'error.invalidEmail': 'Eso no parece una dirección de correo electrónico. Revísala e inténtalo de nuevo.',
  'error.signInRate': 'Demasiadas solicitudes de acceso desde tu red. Espera un minuto e inténtalo de nuevo.',
  'error.mailUnavailable':
    'El acceso por correo no está disponible ahora mismo. Se ha avisado al responsable de la tienda.',
  'error.mailFailing':
    'Ahora mismo no se pueden enviar correos de acceso, así que no se ha enviado ningún enlace. Inténtalo de nuevo en unos minutos.',
  'error.invalidLink': 'Este enlace de acceso no es válido, ha caducado o ya se ha usado. Pide uno nuevo.',
  'error.unknownTier': 'Ese plan no existe. Elige uno de la tabla de precios.',
  'error.suspended': 'Tu cuenta está suspendida. Escribe a {email} para obtener ayuda.',
  'error.suspendedKey':
    'Tu cuenta está suspendida, así que tu clave de proxy está desactivada. Escribe a {email} para obtener ayuda.',
  'error.keyDisabled':
    'El proveedor ha desactivado tu clave de proxy, así que no se le puede añadir nada más. Escribe a {email} para obtener ayuda. No se ha cobrado nada.',
  'error.capCeiling':
    'Puedes tener como máximo {ceiling} GB a la vez. Aún tienes {held} GB (contando los pagos sin terminar), así que el plan {tier} ({gb} GB) no cabe ahora. No se ha cobrado nada. Usa antes algo de tráfico o escribe a {email} para volúmenes mayores.',
  'error.noKey': 'Aún no tienes clave de proxy: compra un plan para obtenerla.',
  'error.keyNotReady': 'Tu clave de proxy aún se está creando. Aparece aquí en menos de un minuto tras el pago.',
  'error.tooManyTokens':
    'Ya tienes {limit} tokens de API, el máximo por cuenta. Revoca uno que ya no uses e inténtalo de nuevo.',
  'error.tokenNotFound': 'Ese token de API no existe (puede que ya esté revocado).',
  'error.autoTopUpOff': 'Esta tienda no ofrece recarga automática.',
  'key.expired': 'Tu clave de proxy ha caducado. Compra más tráfico para seguir usándola.',
  'key.suspended':
    'Tu cuenta está suspendida, así que tu clave de proxy está desactivada y no se puede comprar tráfico. Contacta con soporte para resolverlo.',
  'key.suspendedWhy':
    'Tu cuenta está suspendida, así que tu clave de proxy está desactivada y no se puede comprar tráfico. La tienda indica este motivo: «{reason}». Contacta con soporte para resolverlo.',
  'key.providerDisabled':
    'El proveedor ha desactivado tu clave de proxy. Contacta con soporte ({email}) para resolverlo.',
  'key.capReached': 'Has usado los {gb} GB de tu tráfico. Compra más para volver a activar tu clave.',
  'key.switchedOff':
    'Tu clave de proxy está desactivada (por ejemplo, tras un reembolso). Contacta con soporte si no lo esperabas.',
  'key.switchedOffUnknown':
    'Tu clave de proxy está desactivada. Si has usado todo tu tráfico, compra más; si no, contacta con soporte.',
  'key.rollover':
    'Tienes una clave de proxy nueva: copia su contraseña de abajo en tus herramientas. Tu clave antigua{mask} sigue funcionando hasta el {until}; después, su tráfico sin usar pasa a la nueva.',
  'refill.pause.authentication':
    'Tu banco pidió que confirmaras tú la última recarga. Completa el pago y la recarga automática continúa.',
  'refill.pause.declined':
    'Tu tarjeta fue rechazada en la última recarga. Paga una vez con una tarjeta que funcione y la recarga automática continúa.',
  'refill.pause.noCard':
    'Aún no hay ninguna tarjeta guardada para la recarga automática. Paga una vez y tu tarjeta se guarda para las próximas recargas.',
  'refill.pause.failed':
    'No se pudo cobrar la última recarga. Paga una vez y tu método de pago se guarda para las próximas recargas.',
};
