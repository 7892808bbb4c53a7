import { LoggerService } from '@backstage/backend-plugin-api';
import { AgentRiskNotifier } from '../notifications/AgentRiskNotifier';
import { AcceptanceService } from './AcceptanceService';

/**
 * The acceptance sweep and what follows it: ends the acceptances that ran
 * out or whose agent's severity rose, then tells the owners about those and
 * about acceptances that run out soon. Runs on its own schedule and after
 * each sync.
 */
export class AcceptanceSweep {
  constructor(
    private readonly deps: {
      acceptances: Pick<
        AcceptanceService,
        'sweep' | 'endedNotices' | 'activeNotices'
      >;
      /** Absent when owner notifications are off: acceptances still end. */
      notifier?: Pick<AgentRiskNotifier, 'recordAcceptanceEvents' | 'deliver'>;
      logger: LoggerService;
    },
  ) {}

  /** Ends what is due and tells the owners; throws when that fails (the schedule logs and retries). */
  async run(): Promise<void> {
    const { acceptances, notifier } = this.deps;
    const ended = await acceptances.sweep();
    if (notifier) {
      await notifier.recordAcceptanceEvents({
        ended: await acceptances.endedNotices(ended),
        active: await acceptances.activeNotices(),
      });
      await notifier.deliver();
    }
  }

  /**
   * After a sync, which may have raised a severity and so ended an
   * acceptance. A failure is logged, never thrown: it must not fail the
   * sync, and the scheduled sweep runs again anyway.
   */
  async afterSync(): Promise<void> {
    await this.run().catch(error =>
      this.deps.logger.warn(`Acceptance sweep after sync failed: ${error}`),
    );
  }
}
