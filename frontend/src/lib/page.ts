/** The API's page body (DRF style), for tickets, comments, history and users alike. */
export interface Page<Item> {
  count: number;
  /** False when a search matched more than the server counts (count is then a floor). */
  count_exact?: boolean;
  next: string | null;
  previous: string | null;
  results: Item[];
}
