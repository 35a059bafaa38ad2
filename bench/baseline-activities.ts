// The baseline's activity: as little as an activity can do.
export const baselineActivities = {
  async baselineActivity(n: number): Promise<number> {
    return n;
  },
};
export type BaselineActivities = typeof baselineActivities;
