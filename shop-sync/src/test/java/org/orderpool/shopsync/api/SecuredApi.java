package org.orderpool.shopsync.api;

import jakarta.servlet.Filter;
import org.orderpool.shopsync.domain.ShopTokens;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/** The shop API in MockMvc as production runs it: the controller behind {@link ShopApiSecurity}'s filter chain. */
final class SecuredApi {

    @EnableWebMvc
    static class Mvc {
    }

    private SecuredApi() {
    }

    static MockMvc of(final ShopApiController controller, final ShopTokens tokens) {
        final GenericWebApplicationContext context = new GenericWebApplicationContext(new MockServletContext());
        new AnnotatedBeanDefinitionReader(context).register(Mvc.class, ShopApiSecurity.class);
        context.registerBean(ShopTokens.class, () -> tokens);
        context.registerBean(ShopApiController.class, () -> controller);
        context.refresh();
        return MockMvcBuilders.webAppContextSetup(context).addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }
}
