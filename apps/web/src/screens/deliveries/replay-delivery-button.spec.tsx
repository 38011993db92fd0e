import { renderToStaticMarkup } from 'react-dom/server';
import { ReplayDeliveryButton } from './replay-delivery-button';

const render = (props: { canReplay: boolean; sending: boolean }) =>
  renderToStaticMarkup(<ReplayDeliveryButton deliveryId="d1" webhookId="msg_1" url="https://crm.example.com/in" onReplayed={() => undefined} {...props} />);

describe('ReplayDeliveryButton', () => {
  it('is enabled for people who may write campaigns, for a finished or retrying delivery', () => {
    const html = render({ canReplay: true, sending: false });
    expect(html).toContain('data-testid="delivery-replay"');
    expect(html).not.toContain('disabled');
  });

  it('is disabled, saying why, without campaigns:write', () => {
    const html = render({ canReplay: false, sending: false });
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="delivery-replay"/);
    expect(html).toContain('title="Replaying needs the campaigns:write permission"');
  });

  it('is disabled while the delivery is being sent', () => {
    expect(render({ canReplay: true, sending: true })).toContain('title="This delivery is being sent"');
  });
});
