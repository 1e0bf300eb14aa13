// Simplified Chinese: the mails' words and the generic legal texts.
import type { mails as english } from '../en/index.ts';
import type { Translation } from '../types.ts';

export const mails: Translation<typeof english> = {
  'mail.questions': '有疑问？{email}',
  'mail.pasteLink': '或将此链接粘贴到浏览器中：{url}',
  'mail.stopReminders': '不再接收这些提醒',
  'mail.openDashboard': '打开控制台',
  'mail.keepPrivate': '请妥善保管代理凭据：任何拿到它的人都会消耗你的流量。',
  'mail.login.subject': '你的 {brand} 登录链接',
  'mail.login.heading': '登录 {brand}',
  'mail.login.intro': '点击下方按钮登录。它会打开商店，你只需点一下即可确认。',
  'mail.login.action': '登录',
  'mail.login.expires': { other: '链接只能使用一次，将在 {count} 分钟后（{until}）失效。申请新链接会使此链接作废。' },
  'mail.login.ignore': '如果你没有申请登录，可以忽略此邮件：没有链接，谁也无法登录。',
  'mail.receipt.subject': '你在 {brand} 的购买：{tier}（{traffic}）',
  'mail.receipt.heading': '感谢你的购买',
  'mail.receipt.plan': '{tier}：{traffic} 移动代理流量。',
  'mail.receipt.planValid': '{tier}：{traffic} 移动代理流量，有效期 {days}。',
  'mail.receipt.paid': '已于 {date} 支付 {amount}（订单 {order}）。Stripe 会另行发送付款收据。',
  'mail.receipt.breakdownDiscount': '套餐 {plan}，优惠码 −{discount}，合计 {total}。',
  'mail.receipt.breakdownTax': '套餐 {plan}，税费 {tax}，合计 {total}。',
  'mail.receipt.breakdownBoth': '套餐 {plan}，优惠码 −{discount}，税费 {tax}，合计 {total}。',
  'mail.receipt.ready': '你的代理密钥已在控制台中就绪（新密钥会在付款后一分钟内出现）。',
  'mail.receipt.rotate': '请妥善保管代理凭据：任何拿到它的人都会消耗你的流量。你可以随时在控制台中更换密钥。',
  'mail.receipt.autoSubject': '自动充值：{tier}（{traffic}）已添加到你的 {brand} 密钥',
  'mail.receipt.autoHeading': '自动充值已购买更多流量',
  'mail.receipt.autoBought': '按照你在控制台中的设置，自动充值已购买：{what}',
  'mail.receipt.autoCharged': '已于 {date} 从你保存的卡中扣款 {amount}（订单 {order}）。Stripe 会另行发送付款收据。',
  'mail.receipt.autoReady': '流量已添加到你的代理密钥：你的应用无需任何更改。',
  'mail.receipt.autoChange': '可在控制台的“{section}”中更改套餐、触发条件或每月上限，或关闭自动充值。',
  'mail.rollover.subject': '你的 {brand} 代理密钥已更换',
  'mail.rollover.heading': '你有了一个新的代理密钥',
  'mail.rollover.new':
    '你最近的购买使代理密钥超出了单个密钥可承载的流量上限，因此我们为你创建了一个装有新流量的新密钥。',
  'mail.rollover.newMasked':
    '你最近的购买使代理密钥超出了单个密钥可承载的流量上限，因此我们为你创建了一个装有新流量的新密钥（{mask}）。',
  'mail.rollover.oldWorks':
    '旧密钥在 {until} 之前仍可使用，正在运行的任务不会中断。之后它将停用，剩余流量转移到新密钥。',
  'mail.rollover.oldWorksMasked':
    '旧密钥（{mask}）在 {until} 之前仍可使用，正在运行的任务不会中断。之后它将停用，剩余流量转移到新密钥。',
  'mail.rollover.oldStopped': '旧密钥已停用；其剩余流量转移到新密钥。',
  'mail.rollover.update': '请在此之前从控制台复制新密码并更新你的工具。',
  'mail.reminder.usageSubject': '你已使用 {brand} 流量的 {percent}',
  'mail.reminder.usageHeading': '已使用 {percent} 的流量',
  'mail.reminder.usageLead':
    '你的代理密钥已使用 {cap} 中的 {used}；剩余 {left}。全部用完后，密钥将停用，直到你再次购买。',
  'mail.reminder.capSubject': '你的 {brand} 流量已用完',
  'mail.reminder.capHeading': '你的流量已用完',
  'mail.reminder.capLead': '你的代理密钥已用完全部 {cap}，现已暂停。购买更多流量后一分钟内即可恢复。',
  'mail.reminder.expirySubject': { other: '你的 {brand} 流量将在 {count} 天后过期' },
  'mail.reminder.expiryHeading': '你的流量即将过期',
  'mail.reminder.expiryLead': '你的代理密钥将于 {until} 过期，仍有 {left} 未使用。再次购买可延长有效期并保留剩余流量。',
  'mail.reminder.expiredSubject': '你的 {brand} 流量已过期，{left} 未使用',
  'mail.reminder.expiredHeading': '你的流量已过期',
  'mail.reminder.expiredLead': '你的代理密钥已于 {until} 过期，{left} 未使用。再次购买后，密钥会以新流量恢复使用。',
  'mail.reminder.buy': '购买更多',
  'mail.reminder.off': '你可以在控制台中或通过下方链接关闭这些提醒。收据总会发送。',
  'mail.topUp.subject': '需要你处理：{brand} 自动充值已暂停',
  'mail.topUp.heading': '自动充值需要你处理',
  'mail.topUp.authentication':
    '我们尝试为你购买 {tier}（{traffic}，{amount}），但你的银行要求你亲自确认付款。未扣任何费用。',
  'mail.topUp.declined': '我们尝试为你购买 {tier}（{traffic}，{amount}），但你的银行卡被拒。未扣任何费用。',
  'mail.topUp.noCard': '我们尝试为你购买 {tier}（{traffic}，{amount}），但尚未保存可用的银行卡。未扣任何费用。',
  'mail.topUp.finish': '请在安全支付页面完成付款：流量会立即到账，你的银行卡也会保存用于下次充值，自动充值将继续运行。',
  'mail.topUp.action': '完成付款',
  'mail.topUp.paused': '在此之前自动充值保持暂停。你可以在控制台中关闭它。',
  'legal.terms': `{brand} 由 {company} 运营。购买或使用我们的代理即表示你同意这些条款。

## 服务内容
- 你购买用于移动代理和对等代理的流量（GB），有效期以购买时显示的为准。
- 你的代理密钥仅供个人使用。请妥善保密：使用你的密钥产生的流量计入你的套餐。
- 各国家的可用情况随在线设备变化；我们不保证特定国家或 IP。

## 可接受的使用
- 不得从事违法活动、发送垃圾信息、欺诈、攻击其他系统，或访问你无权访问的内容。
- 对违反这些规则使用的密钥，我们可以暂停，并会告知原因。

## 付款与退款
- 价格在付款前显示，通过 Stripe 收取。未使用的流量可在购买后 14 天内申请退款；已使用的流量不予退款。

## 联系方式
如有疑问：{email}。`,
  'legal.privacy': `{company} 运营 {brand}。本页说明我们保存了你的哪些信息以及原因。

## 我们保存的信息
- 你的电子邮箱，用于通过链接登录和发送收据。
- 你的购买记录（套餐、金额、日期）；支付信息由 Stripe 处理，我们从不接触。
- 你的代理密钥用量数据，用于向你展示并执行套餐规则。
- 安全记录（登录、密钥更换），用于保护你的账户。

## 我们不做的事
- 我们不出售你的数据，也不用于广告。我们设置一个保持登录的 Cookie，以及一个记住你语言的 Cookie。

## 你的权利
如需获取或删除你的数据副本，请联系 {email}。`,
  'mail.topUp.failed': '我们尝试为你购买 {tier}（{traffic}，{amount}），但付款未能完成。未扣任何费用。',
  'unsubscribe.askTitle': '关闭提醒？',
  'unsubscribe.askText': '{email} 会收到来自 {brand} 的用量和到期提醒。收据和登录链接无论如何都会发送。',
  'unsubscribe.button': '关闭提醒',
  'unsubscribe.also': '你也可以在{dashboard}中开启或关闭它们。',
  'unsubscribe.invalidHeading': '此链接无效',
  'unsubscribe.invalidText': '它可能在传递过程中被截断或修改。请改为在{dashboard}中关闭提醒。',
  'unsubscribe.doneHeading': '提醒已关闭',
  'unsubscribe.doneText': '{email} 将不再收到来自 {brand} 的用量和到期提醒。收据和登录链接仍会发送。',
  'unsubscribe.again': '改变主意了？可在{dashboard}中重新开启。',
  'unsubscribe.dashboard': '你的控制台',
  'error.signIn': '请先登录。',
  'error.internal': '出错了，请重试。',
  'error.unavailable': '服务暂时不可用，请稍后重试。',
  'error.tooManyRequests': '你的账户请求过多。请等待一分钟后重试。',
  'error.reauth':
    '为了你的安全，请确认是你本人：用邮件中的新链接重新登录（需要最近 {minutes} 分钟内的登录），然后重试。',
  'signin.requested': '请查收邮件：登录链接正在发送中。链接只能使用一次，{minutes} 分钟后失效。',
  'signin.challengeAsked':
    '当前登录请求异常多。如果你以前在这里登录过，你的链接正在发送中。第一次来？请确认你是真人，我们就会发送你的链接。',
  'error.invalidEmail': '这看起来不是有效的邮箱地址。请检查后重试。',
  'error.signInRate': '你的网络发出的登录请求过多。请等待一分钟后重试。',
  'error.mailUnavailable': '邮件登录暂时不可用，已通知商店运营方。',
  'error.mailFailing': '暂时无法发送登录邮件，因此未发送链接。请几分钟后重试。',
  'error.invalidLink': '此登录链接无效、已过期或已被使用。请重新获取。',
  'error.unknownTier': '没有这个套餐。请从价格表中选择。',
  'error.suspended': '你的账户已被暂停。如需帮助请联系 {email}。',
  'error.suspendedKey': '你的账户已被暂停，因此代理密钥已停用。如需帮助请联系 {email}。',
  'error.keyDisabled': '你的代理密钥已被供应商停用，无法再添加流量。如需帮助请联系 {email}。未扣款。',
  'error.capCeiling':
    '你最多只能同时持有 {ceiling} GB。你还有 {held} GB（含未完成的付款），因此 {tier} 套餐（{gb} GB）暂时放不下。未扣款。请先用掉一些流量，或联系 {email} 获取更大流量。',
  'error.noKey': '你还没有代理密钥：购买套餐即可获得。',
  'error.keyNotReady': '你的代理密钥仍在创建中，会在付款后一分钟内显示在这里。',
  'error.tooManyTokens': '你已有 {limit} 个 API 令牌，已达每个账户的上限。请撤销一个不再使用的令牌后重试。',
  'error.tokenNotFound': '没有这个 API 令牌（可能已被撤销）。',
  'error.autoTopUpOff': '本店不提供自动充值。',
  'key.expired': '你的代理密钥已过期。购买更多流量即可继续使用。',
  'key.suspended': '你的账户已被暂停，因此代理密钥已停用，也无法购买流量。请联系客服处理。',
  'key.suspendedWhy':
    '你的账户已被暂停，因此代理密钥已停用，也无法购买流量。商店给出的原因：“{reason}”。请联系客服处理。',
  'key.providerDisabled': '你的代理密钥已被供应商停用。请联系客服（{email}）处理。',
  'key.capReached': '你已用完全部 {gb} GB 流量。购买更多即可重新启用密钥。',
  'key.switchedOff': '你的代理密钥已停用（例如在退款之后）。如非预期，请联系客服。',
  'key.switchedOffUnknown': '你的代理密钥已停用。如果流量已用完，请购买更多；否则请联系客服。',
  'key.rollover':
    '你有了新的代理密钥：请把下方的密码复制到你的工具中。旧密钥{mask}可用到 {until}；之后其未用完的流量会转到新密钥。',
  'refill.pause.authentication': '你的银行要求你亲自确认上一次充值。完成付款后自动充值会继续。',
  'refill.pause.declined': '上一次充值时你的卡被拒。用可用的卡付款一次后自动充值会继续。',
  'refill.pause.noCard': '尚未为自动充值保存卡。付款一次后，你的卡会被保存用于之后的充值。',
  'refill.pause.failed': '上一次充值未能扣款。付款一次后，你的付款方式会被保存用于之后的充值。',
};
