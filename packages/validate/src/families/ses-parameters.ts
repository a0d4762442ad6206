import type { FamilyContext, FamilyVisitor, RuleFamily } from './family.js';

const TAG = /^[A-Za-z0-9_-]{1,256}$/;
const CONFIG_SET = /^[A-Za-z0-9_-]{1,64}$/;

/** `ses.*`: the SES request parameters given as options. */
export const sesParametersFamily: RuleFamily = {
  name: 'ses-parameters',
  codes: ['ses.tag-invalid', 'ses.configuration-set-invalid'],
  create(ctx: FamilyContext): FamilyVisitor {
    const { issues, options } = ctx;
    return {
      start() {
        (options.tags ?? []).forEach((tag, i) => {
          for (const key of ['name', 'value'] as const) {
            if (!TAG.test(tag[key]))
              issues.add({
                code: 'ses.tag-invalid',
                message: `Message tag ${i} ${key} '${tag[key].slice(0, 300)}' must match [A-Za-z0-9_-]{1,256}; SES rejects the request (InvalidParameterValue).`,
              });
          }
        });
        const cs = options.configurationSetName;
        if (cs !== undefined && !CONFIG_SET.test(cs))
          issues.add({
            code: 'ses.configuration-set-invalid',
            message: `The configuration set name '${cs.slice(0, 100)}' must match [A-Za-z0-9_-]{1,64}.`,
          });
      },
    };
  },
};
