import type { Rule } from "../types";
import requiredFields from "./requiredFields";
import dates from "./dates";
import contactPhone from "./contactPhone";
import htmlMarkup from "./htmlMarkup";

export const headerRules: Rule[] = [requiredFields, dates, contactPhone, htmlMarkup];
