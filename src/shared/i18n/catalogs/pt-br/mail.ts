// Brazilian Portuguese: the mails' words and the generic legal texts.
import type { mails as english } from '../en/index.ts';
import type { Translation } from '../types.ts';

export const mails: Translation<typeof english> = {
  'mail.questions': 'Dúvidas? {email}',
  'mail.pasteLink': 'Ou cole este link no seu navegador: {url}',
  'mail.stopReminders': 'Parar estes lembretes',
  'mail.openDashboard': 'Abrir o painel',
  'mail.keepPrivate': 'Mantenha suas credenciais de proxy em sigilo: quem as tiver usa o seu tráfego.',
  'mail.login.subject': 'Seu link de acesso à {brand}',
  'mail.login.heading': 'Entrar na {brand}',
  'mail.login.intro': 'Use o botão abaixo para entrar. Ele abre a loja, onde você confirma com um clique.',
  'mail.login.action': 'Entrar',
  'mail.login.expires': {
    one: 'O link funciona uma vez e expira em {count} minuto (às {until}). Pedir um novo link cancela este.',
    many: 'O link funciona uma vez e expira em {count} minutos (às {until}). Pedir um novo link cancela este.',
    other: 'O link funciona uma vez e expira em {count} minutos (às {until}). Pedir um novo link cancela este.',
  },
  'mail.login.ignore': 'Se você não pediu para entrar, pode ignorar este e-mail: ninguém entra sem o link.',
  'mail.receipt.subject': 'Sua compra na {brand}: {tier} ({traffic})',
  'mail.receipt.heading': 'Obrigado pela sua compra',
  'mail.receipt.plan': '{tier}: {traffic} de tráfego de proxy móvel.',
  'mail.receipt.planValid': '{tier}: {traffic} de tráfego de proxy móvel, válido por {days}.',
  'mail.receipt.paid': 'Pago {amount} em {date} (pedido {order}). A Stripe envia o recibo do pagamento separadamente.',
  'mail.receipt.breakdownDiscount': 'Plano {plan}, código promocional −{discount}, total {total}.',
  'mail.receipt.breakdownTax': 'Plano {plan}, impostos {tax}, total {total}.',
  'mail.receipt.breakdownBoth': 'Plano {plan}, código promocional −{discount}, impostos {tax}, total {total}.',
  'mail.receipt.ready':
    'Sua chave de proxy está pronta no painel (chaves novas aparecem em até um minuto após o pagamento).',
  'mail.receipt.rotate':
    'Mantenha suas credenciais de proxy em sigilo: quem as tiver usa o seu tráfego. Você pode trocar a chave no painel a qualquer momento.',
  'mail.receipt.autoSubject': 'Recarga automática: {tier} ({traffic}) adicionado à sua chave da {brand}',
  'mail.receipt.autoHeading': 'A recarga automática comprou mais tráfego',
  'mail.receipt.autoBought': 'Conforme você configurou no painel, a recarga automática comprou: {what}',
  'mail.receipt.autoCharged':
    'Cobrado {amount} no seu cartão salvo em {date} (pedido {order}). A Stripe envia o recibo do pagamento separadamente.',
  'mail.receipt.autoReady': 'O tráfego já está na sua chave de proxy: nada a mudar nos seus aplicativos.',
  'mail.receipt.autoChange':
    'Altere o plano, o gatilho ou o limite mensal, ou desative a recarga automática, em “{section}” no painel.',
  'mail.rollover.subject': 'Sua chave de proxy da {brand} mudou',
  'mail.rollover.heading': 'Você tem uma nova chave de proxy',
  'mail.rollover.new':
    'Sua última compra passou do máximo de tráfego que uma chave comporta, então criamos uma nova chave com o tráfego novo.',
  'mail.rollover.newMasked':
    'Sua última compra passou do máximo de tráfego que uma chave comporta, então criamos uma nova chave ({mask}) com o tráfego novo.',
  'mail.rollover.oldWorks':
    'Sua chave antiga continua funcionando até {until}, para que tarefas em andamento não quebrem. Depois ela para, e o tráfego que sobrar passa para a nova chave.',
  'mail.rollover.oldWorksMasked':
    'Sua chave antiga ({mask}) continua funcionando até {until}, para que tarefas em andamento não quebrem. Depois ela para, e o tráfego que sobrar passa para a nova chave.',
  'mail.rollover.oldStopped': 'Sua chave antiga parou; o tráfego que sobrou nela passa para a nova chave.',
  'mail.rollover.update': 'Copie a nova senha no painel e atualize suas ferramentas antes disso.',
  'mail.reminder.usageSubject': 'Você usou {percent} do seu tráfego da {brand}',
  'mail.reminder.usageHeading': '{percent} do seu tráfego foi usado',
  'mail.reminder.usageLead':
    'Sua chave de proxy usou {used} de {cap}; restam {left}. Quando tudo for usado, a chave para até você comprar mais.',
  'mail.reminder.capSubject': 'Seu tráfego da {brand} acabou',
  'mail.reminder.capHeading': 'Seu tráfego acabou',
  'mail.reminder.capLead':
    'Sua chave de proxy usou todos os {cap} e está pausada. Compre mais tráfego e ela volta a funcionar em até um minuto.',
  'mail.reminder.expirySubject': {
    one: 'Seu tráfego da {brand} expira em {count} dia',
    many: 'Seu tráfego da {brand} expira em {count} dias',
    other: 'Seu tráfego da {brand} expira em {count} dias',
  },
  'mail.reminder.expiryHeading': 'Seu tráfego expira em breve',
  'mail.reminder.expiryLead':
    'Sua chave de proxy expira em {until}, com {left} ainda sem uso. Uma nova compra prolonga a chave e mantém o que sobrou.',
  'mail.reminder.expiredSubject': 'Seu tráfego da {brand} expirou com {left} sem uso',
  'mail.reminder.expiredHeading': 'Seu tráfego expirou',
  'mail.reminder.expiredLead':
    'Sua chave de proxy expirou em {until} com {left} sem uso. Compre mais e a chave volta a funcionar com o tráfego novo.',
  'mail.reminder.buy': 'Comprar mais',
  'mail.reminder.off':
    'Você pode desativar estes lembretes no painel ou pelo link abaixo. Os recibos são sempre enviados.',
  'mail.topUp.subject': 'Ação necessária: sua recarga automática da {brand} está pausada',
  'mail.topUp.heading': 'Sua recarga automática precisa de você',
  'mail.topUp.authentication':
    'Tentamos comprar {tier} ({traffic}, {amount}) para você, mas seu banco quer que você mesmo confirme o pagamento. Nada foi cobrado.',
  'mail.topUp.declined':
    'Tentamos comprar {tier} ({traffic}, {amount}) para você, mas seu cartão foi recusado. Nada foi cobrado.',
  'mail.topUp.noCard':
    'Tentamos comprar {tier} ({traffic}, {amount}) para você, mas ainda não há cartão salvo para isso. Nada foi cobrado.',
  'mail.topUp.finish':
    'Conclua o pagamento na página de pagamento segura: seu tráfego é adicionado na hora e seu cartão fica salvo para a próxima recarga, e a recarga automática continua.',
  'mail.topUp.action': 'Concluir o pagamento',
  'mail.topUp.paused': 'A recarga automática fica pausada até lá. Você pode desativá-la no painel.',
  'legal.terms': `{brand} é operada por {company}. Ao comprar ou usar nossos proxies, você concorda com estes termos.

## O serviço
- Você compra tráfego (gigabytes) para proxies móveis e de pares, válido pelo período mostrado na compra.
- Sua chave de proxy é pessoal. Mantenha-a em segredo: o tráfego usado com sua chave conta para o seu plano.
- A disponibilidade por país muda com os dispositivos online; não garantimos um país ou IP específico.

## Uso aceitável
- Nada ilegal, nada de spam, fraude ou ataques a outros sistemas, nem acesso a conteúdo ao qual você não tem direito.
- Podemos suspender uma chave usada contra estas regras, e diremos o motivo.

## Pagamentos e reembolsos
- Os preços são mostrados antes do pagamento e cobrados pela Stripe. O tráfego não usado pode ser reembolsado a pedido em até 14 dias após a compra; o tráfego usado não é reembolsável.

## Contato
Dúvidas: {email}.`,
  'legal.privacy': `{company} opera a {brand}. Esta página diz o que guardamos sobre você e por quê.

## O que guardamos
- Seu endereço de e-mail, para fazer seu login com um link e enviar recibos.
- Suas compras (plano, valor, datas); os dados de pagamento ficam com a Stripe e nunca chegam até nós.
- Os números de consumo da sua chave de proxy, para mostrá-los a você e aplicar seu plano.
- Registros de segurança (logins, trocas de chave), para proteger sua conta.

## O que não fazemos
- Não vendemos seus dados nem os usamos para publicidade. Usamos um cookie que mantém você conectado e outro que lembra seu idioma.

## Seus direitos
Peça uma cópia dos seus dados, ou a exclusão deles, em {email}.`,
  'mail.topUp.failed':
    'Tentamos comprar {tier} ({traffic}, {amount}) para você, mas o pagamento não foi concluído. Nada foi cobrado.',
  'unsubscribe.askTitle': 'Desativar os lembretes?',
  'unsubscribe.askText':
    '{email} recebe lembretes de consumo e de validade da {brand}. Recibos e links de acesso são enviados de qualquer forma.',
  'unsubscribe.button': 'Desativar os lembretes',
  'unsubscribe.also': 'Você também pode ativá-los e desativá-los no {dashboard}.',
  'unsubscribe.invalidHeading': 'Este link não funciona',
  'unsubscribe.invalidText': 'Ele pode ter sido cortado ou alterado no caminho. Desative os lembretes no {dashboard}.',
  'unsubscribe.doneHeading': 'Os lembretes estão desativados',
  'unsubscribe.doneText':
    '{email} não receberá mais lembretes de consumo e de validade da {brand}. Recibos e links de acesso continuam sendo enviados.',
  'unsubscribe.again': 'Mudou de ideia? Reative-os no {dashboard}.',
  'unsubscribe.dashboard': 'seu painel',
  'error.signIn': 'Faça login.',
  'error.internal': 'Algo deu errado. Tente novamente.',
  'error.unavailable': 'O serviço está temporariamente indisponível. Tente novamente em instantes.',
  'error.tooManyRequests': 'Requisições demais da sua conta. Aguarde um minuto e tente novamente.',
  'error.reauth':
    'Para sua segurança, confirme que é você: entre de novo com um link novo do seu e-mail (é preciso um acesso dos últimos {minutes} minutos) e tente outra vez.',
  'signin.requested':
    'Confira sua caixa de entrada: um link de acesso está a caminho. Ele funciona uma vez e expira em {minutes} minutos.',
  'signin.challengeAsked':
    'Estamos recebendo pedidos de acesso demais. Se você já entrou aqui antes, seu link está a caminho. É novo por aqui? Confirme que você é uma pessoa e enviaremos o seu.',
  'error.invalidEmail': 'Isso não parece um endereço de e-mail. Confira e tente novamente.',
  'error.signInRate': 'Pedidos de acesso demais da sua rede. Aguarde um minuto e tente novamente.',
  'error.mailUnavailable': 'O acesso por e-mail está indisponível agora. O responsável pela loja foi avisado.',
  'error.mailFailing':
    'Os e-mails de acesso não podem ser enviados agora, então nenhum link foi enviado. Tente novamente em alguns minutos.',
  'error.invalidLink': 'Este link de acesso é inválido, expirou ou já foi usado. Peça um novo.',
  'error.unknownTier': 'Esse plano não existe. Escolha um na tabela de preços.',
  'error.suspended': 'Sua conta está suspensa. Fale com {email} para obter ajuda.',
  'error.suspendedKey':
    'Sua conta está suspensa, então sua chave de proxy está desativada. Fale com {email} para obter ajuda.',
  'error.keyDisabled':
    'Sua chave de proxy foi desativada pelo provedor, então nada mais pode ser adicionado a ela. Fale com {email} para obter ajuda. Nada foi cobrado.',
  'error.capCeiling':
    'Você pode ter no máximo {ceiling} GB ao mesmo tempo. Você ainda tem {held} GB (contando pagamentos não concluídos), então o plano {tier} ({gb} GB) não cabe agora. Nada foi cobrado. Use parte do tráfego antes ou fale com {email} para volumes maiores.',
  'error.noKey': 'Você ainda não tem chave de proxy: compre um plano para obter uma.',
  'error.keyNotReady':
    'Sua chave de proxy ainda está sendo criada. Ela aparece aqui em até um minuto após o pagamento.',
  'error.tooManyTokens':
    'Você já tem {limit} tokens de API, o máximo por conta. Revogue um que não usa mais e tente novamente.',
  'error.tokenNotFound': 'Esse token de API não existe (talvez já tenha sido revogado).',
  'error.autoTopUpOff': 'Esta loja não oferece recarga automática.',
  'key.expired': 'Sua chave de proxy expirou. Compre mais tráfego para continuar usando.',
  'key.suspended':
    'Sua conta está suspensa, então sua chave de proxy está desativada e não é possível comprar tráfego. Fale com o suporte para resolver.',
  'key.suspendedWhy':
    'Sua conta está suspensa, então sua chave de proxy está desativada e não é possível comprar tráfego. A loja informou este motivo: “{reason}”. Fale com o suporte para resolver.',
  'key.providerDisabled':
    'Sua chave de proxy foi desativada pelo provedor. Fale com o suporte ({email}) para resolver.',
  'key.capReached': 'Você usou todos os {gb} GB do seu tráfego. Compre mais para reativar sua chave.',
  'key.switchedOff':
    'Sua chave de proxy está desativada (por exemplo, após um reembolso). Fale com o suporte se você não esperava isso.',
  'key.switchedOffUnknown':
    'Sua chave de proxy está desativada. Se você usou todo o seu tráfego, compre mais; caso contrário, fale com o suporte.',
  'key.rollover':
    'Você tem uma chave de proxy nova: copie a senha dela abaixo para suas ferramentas. Sua chave antiga{mask} continua funcionando até {until}; depois, o tráfego não usado dela passa para a nova.',
  'refill.pause.authentication':
    'Seu banco pediu que você mesmo confirmasse a última recarga. Conclua o pagamento e a recarga automática continua.',
  'refill.pause.declined':
    'Seu cartão foi recusado na última recarga. Pague uma vez com um cartão que funcione e a recarga automática continua.',
  'refill.pause.noCard':
    'Ainda não há cartão salvo para a recarga automática. Pague uma vez e seu cartão fica salvo para as próximas recargas.',
  'refill.pause.failed':
    'Não foi possível cobrar a última recarga. Pague uma vez e sua forma de pagamento fica salva para as próximas recargas.',
};
