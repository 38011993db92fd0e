import type { GraphDraft, Problem } from '@tideway/graph';
import { sendWebhookConfigSchema } from '@tideway/graph';
import type { Resolve, TargetPolicy } from './http';
import { checkTarget } from './http';

/** A merge field or expression in a URL: `[First Name]`, `{{contact.id}}`. */
const TEMPLATE = /\[[^\]]*\]|\{\{[^}]*\}\}/;
const TEMPLATES = new RegExp(TEMPLATE.source, 'g');
/** `[::1]`, `[fe80::1]`: brackets in a host that are an IPv6 address, not a merge field. */
const IPV6_LITERAL = /\[[0-9a-f:.]+\]/gi;

/**
 * The SSRF guard at validation time (the sender checks again before every
 * attempt): Send a Webhook URLs whose scheme or address the operator's policy
 * refuses. A host built from merge fields can only be checked when sending;
 * merge fields in the path or query stand for any value. A name that does not
 * resolve here and now is left to the sender, since it may resolve where and
 * when the campaign runs.
 */
export async function webhookTargetProblems(graph: GraphDraft, policy: TargetPolicy, resolve?: Resolve): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const node of graph.nodes) {
    if (node.type !== 'action.sendWebhook') continue;
    const parsed = sendWebhookConfigSchema.safeParse(node.data?.config);
    if (!parsed.success) continue;
    const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(parsed.data.url)?.[0] ?? parsed.data.url;
    if (TEMPLATE.test(authority.replace(IPV6_LITERAL, ''))) continue;
    const rest = parsed.data.url.slice(authority.length);
    const check = await checkTarget(authority + rest.replace(TEMPLATES, 'x'), policy, resolve);
    if (!check.ok && !check.unresolved) {
      problems.push({ nodeId: node.id, rule: 'unsafe-url', path: 'config.url', message: `This URL cannot be sent to: ${check.reason}` });
    }
  }
  return problems;
}
